/*
 * Checks of the JavaScriptCore C API traps a native host must handle:
 * typed array pointers that ignore the view's byte offset, no-copy buffers
 * freed by the garbage collector while native code uses them, and
 * exceptions reported only through out-parameters.
 */
#include "self-test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host-kernel.h"
#include "js-util.h"

static int passed;
static int failed;

static void check(int condition, const char *name, const char *detail)
{
    if (condition) passed++;
    else failed++;
    printf("%s %s%s%s\n", condition ? "ok  " : "FAIL", name, detail[0] != '\0' ? ": " : "", detail);
}

static JSValueRef evaluate(JSGlobalContextRef ctx, const char *source, JSValueRef *exception)
{
    *exception = NULL;
    return js_evaluate(ctx, source, "self-test", exception);
}

static void bytes_pointer_ignores_offset(JSGlobalContextRef ctx)
{
    JSValueRef exception = NULL;
    JSValueRef view = evaluate(ctx,
        "(function () { var buffer = new ArrayBuffer(64); var all = new Uint8Array(buffer);"
        " for (var i = 0; i < 64; i++) all[i] = i; return new Uint8Array(buffer, 16, 8); })()", &exception);
    if (exception != NULL || view == NULL) {
        check(0, "bytes pointer ignores byte offset", "could not create the view");
        return;
    }

    JSObjectRef object = (JSObjectRef)view;
    JSValueProtect(ctx, object);
    unsigned char *base = JSObjectGetTypedArrayBytesPtr(ctx, object, &exception);
    size_t offset = exception == NULL ? JSObjectGetTypedArrayByteOffset(ctx, object, &exception) : 0;
    int ok = exception == NULL && base != NULL && offset == 16 && base[0] == 0 && base[offset] == 16;
    JSValueUnprotect(ctx, object);

    char detail[128];
    snprintf(detail, sizeof detail, "offset %zu, byte at pointer %d, byte at pointer + offset %d",
             offset, base != NULL ? base[0] : -1, base != NULL ? base[offset] : -1);
    check(ok, "bytes pointer ignores byte offset", detail);
}

static void kernel_reads_views_at_offsets(JSGlobalContextRef ctx)
{
    JSValueRef exception = NULL;
    JSValueRef result = evaluate(ctx,
        "(function () {"
        "  var buffer = new ArrayBuffer(4096); var all = new Float32Array(buffer);"
        "  for (var i = 0; i < all.length; i++) all[i] = Math.sin(i * 7.1);"
        "  var query = all.subarray(3, 3 + 17), matrix = all.subarray(40, 40 + 17 * 9), out = all.subarray(500, 509);"
        "  QueryableHostKernel.dotF32(query, matrix, 17, 9, out);"
        "  for (var r = 0; r < 9; r++) { var sum = 0;"
        "    for (var j = 0; j < 17; j++) sum += query[j] * matrix[r * 17 + j];"
        "    if (out[r] !== Math.fround(sum)) return 'row ' + r + ': ' + out[r] + ' != ' + Math.fround(sum); }"
        "  return 'same';"
        "})()", &exception);
    char *text = exception == NULL ? js_to_utf8(ctx, result) : js_to_utf8(ctx, exception);
    check(text != NULL && strcmp(text, "same") == 0, "kernel reads views at offsets", text != NULL ? text : "");
    free(text);
}

static int deallocated;

static void mark_deallocated(void *bytes, void *context)
{
    (void)context;
    deallocated++;
    free(bytes);
}

static void protected_buffer_survives_gc(void)
{
    JSGlobalContextRef ctx = JSGlobalContextCreate(NULL);
    JSValueRef exception = NULL;
    size_t length = 1 << 20;
    unsigned char *bytes = malloc(length);
    memset(bytes, 0xab, length);
    deallocated = 0;

    JSObjectRef array = JSObjectMakeTypedArrayWithBytesNoCopy(ctx, kJSTypedArrayTypeUint8Array, bytes, length,
                                                              mark_deallocated, NULL, &exception);
    if (array == NULL || exception != NULL) {
        check(0, "protected no-copy buffer survives GC", "could not create the array");
        JSGlobalContextRelease(ctx);
        return;
    }
    JSValueProtect(ctx, array);
    array = NULL;
    for (int round = 0; round < 3; round++) {
        evaluate(ctx, "(function () { var junk = []; for (var i = 0; i < 20000; i++) junk.push({ i: i }); })()", &exception);
        JSGarbageCollect(ctx);
    }
    int alive = deallocated == 0 && bytes[0] == 0xab && bytes[length - 1] == 0xab;
    check(alive, "protected no-copy buffer survives GC", alive ? "" : "deallocator ran while protected");

    JSGlobalContextRelease(ctx);
    /* Releasing the context drops the protection, so the buffer must have been freed exactly once by now. */
    char detail[64];
    snprintf(detail, sizeof detail, "deallocator ran %d times", deallocated);
    check(deallocated <= 1, "no-copy buffer freed at most once", detail);
}

static void exception_out_parameter_is_set(JSGlobalContextRef ctx)
{
    JSValueRef exception = NULL;
    JSValueRef result = evaluate(ctx, "throw new Error('boom from script')", &exception);
    char *text = exception != NULL ? js_to_utf8(ctx, exception) : NULL;
    check(result == NULL && text != NULL && strstr(text, "boom from script") != NULL,
          "evaluate sets exception out-parameter", text != NULL ? text : "no exception reported");
    free(text);

    JSValueRef function = evaluate(ctx, "(function () { throw new TypeError('boom from call'); })", &exception);
    JSValueRef call_exception = NULL;
    JSValueRef call_result = JSObjectCallAsFunction(ctx, (JSObjectRef)function, NULL, 0, NULL, &call_exception);
    text = call_exception != NULL ? js_to_utf8(ctx, call_exception) : NULL;
    check(call_result == NULL && text != NULL && strstr(text, "boom from call") != NULL,
          "call sets exception out-parameter", text != NULL ? text : "no exception reported");
    free(text);
}

static void kernel_rejects_wrong_arguments(JSGlobalContextRef ctx)
{
    JSValueRef exception = NULL;
    JSValueRef result = evaluate(ctx,
        "(function () { var messages = [];"
        "  try { QueryableHostKernel.dotF32(new Int8Array(4), new Float32Array(4), 4, 1, new Float32Array(1)); }"
        "  catch (e) { messages.push(String(e)); }"
        "  try { QueryableHostKernel.hamming(new Uint8Array(8), new Uint8Array(8), 8, 5, new Uint8Array(5), new Uint16Array(5), new Uint32Array(66)); }"
        "  catch (e) { messages.push(String(e)); }"
        "  try { QueryableHostKernel.dotI8Rows(new Int16Array(4), new Int8Array(8), 4, new Uint32Array([2]), 1, new Int32Array(1)); }"
        "  catch (e) { messages.push(String(e)); }"
        "  return messages.join(' | '); })()", &exception);
    char *text = exception == NULL ? js_to_utf8(ctx, result) : NULL;
    int ok = text != NULL && strstr(text, "expected a Float32Array") != NULL
        && strstr(text, "needs at least 40") != NULL && strstr(text, "past the 2 stored rows") != NULL;
    check(ok, "kernel rejects wrong arguments", text != NULL ? text : "script failed");
    free(text);
}

int run_self_tests(void)
{
    passed = 0;
    failed = 0;
    JSGlobalContextRef ctx = JSGlobalContextCreate(NULL);
    JSValueRef exception = NULL;
    if (!register_host_kernel(ctx, &exception)) {
        check(0, "register host kernel", "registration failed");
    } else {
        bytes_pointer_ignores_offset(ctx);
        kernel_reads_views_at_offsets(ctx);
        exception_out_parameter_is_set(ctx);
        kernel_rejects_wrong_arguments(ctx);
    }
    JSGlobalContextRelease(ctx);
    protected_buffer_survives_gc();

    printf("%d passed, %d failed\n", passed, failed);
    return failed;
}
