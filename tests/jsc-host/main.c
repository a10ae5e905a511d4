/*
 * queryable-jsc-host: a small JavaScriptCore host for tests and benchmarks.
 * It uses the JavaScriptCore C API, the one Swift's JavaScriptCore wraps on
 * iOS, and registers the native search kernel as globalThis.QueryableHostKernel.
 *
 *   queryable-jsc-host [--no-host-kernel] frames BUNDLE OUT_DIR FRAME...
 *       Loads BUNDLE (dist/queryable-core.js), passes each FRAME file to
 *       QueryableCore.handle as a Uint8Array over native memory (no copy)
 *       and writes each response to OUT_DIR/<frame name>.response.
 *   queryable-jsc-host [--no-host-kernel] script FILE... [-- ARG...]
 *       Evaluates the files in order with print, preciseTime, readFile and
 *       arguments defined as in Debian's jsc shell.
 *   queryable-jsc-host self-test
 *       Checks the C API traps a host must handle and prints "N passed, N failed".
 *
 * With JavaScriptCoreUseJIT=0 in the environment, JavaScriptCore runs
 * without its JIT, as in an iOS app's JSContext.
 */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "host-kernel.h"
#include "js-util.h"
#include "self-test.h"

static void print_exception(JSContextRef ctx, const char *operation, JSValueRef exception)
{
    char *text = js_to_utf8(ctx, exception);
    fprintf(stderr, "queryable-jsc-host: %s failed: %s\n", operation, text != NULL ? text : "(exception without text)");
    free(text);
}

static void free_native_bytes(void *bytes, void *context)
{
    (void)context;
    free(bytes);
}

/* Wraps malloc'ed `bytes` in a Uint8Array that frees them when collected. */
static JSObjectRef native_uint8_array(JSContextRef ctx, unsigned char *bytes, size_t length, JSValueRef *exception)
{
    return JSObjectMakeTypedArrayWithBytesNoCopy(ctx, kJSTypedArrayTypeUint8Array, bytes, length,
                                                 free_native_bytes, NULL, exception);
}

static JSValueRef print_callback(JSContextRef ctx, JSObjectRef function, JSObjectRef self, size_t argc,
                                 const JSValueRef argv[], JSValueRef *exception)
{
    (void)function; (void)self; (void)exception;
    for (size_t i = 0; i < argc; i++) {
        char *text = js_to_utf8(ctx, argv[i]);
        printf(i == 0 ? "%s" : " %s", text != NULL ? text : "");
        free(text);
    }
    printf("\n");
    fflush(stdout);
    return JSValueMakeUndefined(ctx);
}

static JSValueRef precise_time_callback(JSContextRef ctx, JSObjectRef function, JSObjectRef self, size_t argc,
                                        const JSValueRef argv[], JSValueRef *exception)
{
    (void)function; (void)self; (void)argc; (void)argv; (void)exception;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return JSValueMakeNumber(ctx, (double)now.tv_sec + (double)now.tv_nsec / 1e9);
}

static JSValueRef read_file_callback(JSContextRef ctx, JSObjectRef function, JSObjectRef self, size_t argc,
                                     const JSValueRef argv[], JSValueRef *exception)
{
    (void)function; (void)self;
    char *path = argc > 0 ? js_to_utf8(ctx, argv[0]) : NULL;
    if (path == NULL) {
        *exception = js_error(ctx, "readFile: give a file path");
        return NULL;
    }
    size_t length = 0;
    unsigned char *bytes = read_file(path, &length);
    if (bytes == NULL) {
        char message[512];
        snprintf(message, sizeof message, "readFile: cannot read %s: %s", path, strerror(errno));
        free(path);
        *exception = js_error(ctx, message);
        return NULL;
    }
    free(path);
    JSObjectRef array = native_uint8_array(ctx, bytes, length, exception);
    if (array == NULL) free(bytes);
    return array;
}

static int define_shell_globals(JSGlobalContextRef ctx, int argc, char **argv, JSValueRef *exception)
{
    JSObjectRef global = JSContextGetGlobalObject(ctx);
    if (!js_set_function(ctx, global, "print", print_callback, exception)) return 0;
    if (!js_set_function(ctx, global, "preciseTime", precise_time_callback, exception)) return 0;
    if (!js_set_function(ctx, global, "readFile", read_file_callback, exception)) return 0;

    JSValueRef *values = calloc((size_t)argc + 1, sizeof(JSValueRef));
    for (int i = 0; i < argc; i++) {
        JSStringRef text = JSStringCreateWithUTF8CString(argv[i]);
        values[i] = JSValueMakeString(ctx, text);
        JSStringRelease(text);
    }
    JSObjectRef arguments = JSObjectMakeArray(ctx, (size_t)argc, values, exception);
    free(values);
    if (arguments == NULL) return 0;
    return js_set_value(ctx, global, "arguments", arguments, exception);
}

static int evaluate_file(JSGlobalContextRef ctx, const char *path)
{
    size_t length = 0;
    unsigned char *source = read_file(path, &length);
    if (source == NULL) {
        fprintf(stderr, "queryable-jsc-host: cannot read %s: %s\n", path, strerror(errno));
        return 0;
    }
    JSValueRef exception = NULL;
    js_evaluate(ctx, (const char *)source, path, &exception);
    free(source);
    if (exception != NULL) {
        print_exception(ctx, path, exception);
        return 0;
    }
    return 1;
}

static JSObjectRef find_handle(JSGlobalContextRef ctx)
{
    JSValueRef exception = NULL;
    JSValueRef handle = js_evaluate(ctx, "QueryableCore.handle", "find-handle", &exception);
    if (exception != NULL || handle == NULL || !JSValueIsObject(ctx, handle)) {
        if (exception != NULL) print_exception(ctx, "looking up QueryableCore.handle", exception);
        else fprintf(stderr, "queryable-jsc-host: QueryableCore.handle is not a function\n");
        return NULL;
    }
    return (JSObjectRef)handle;
}

/* Sends one frame file through QueryableCore.handle and writes the response next to OUT_DIR. */
static int serve_frame(JSGlobalContextRef ctx, JSObjectRef handle, const char *frame_path, const char *out_dir)
{
    size_t length = 0;
    unsigned char *frame = read_file(frame_path, &length);
    if (frame == NULL) {
        fprintf(stderr, "queryable-jsc-host: cannot read frame %s: %s\n", frame_path, strerror(errno));
        return 0;
    }

    JSValueRef exception = NULL;
    JSObjectRef request = native_uint8_array(ctx, frame, length, &exception);
    if (request == NULL || exception != NULL) {
        free(frame);
        print_exception(ctx, "creating the request array", exception);
        return 0;
    }
    /* The array wraps native memory; keep it alive until the call has returned. */
    JSValueProtect(ctx, request);
    JSValueRef argument = request;
    JSValueRef response = JSObjectCallAsFunction(ctx, handle, NULL, 1, &argument, &exception);
    JSValueUnprotect(ctx, request);
    if (exception != NULL || response == NULL) {
        print_exception(ctx, "QueryableCore.handle", exception);
        return 0;
    }

    JSValueProtect(ctx, response);
    int written = 0;
    JSTypedArrayType type = JSValueGetTypedArrayType(ctx, response, &exception);
    if (exception == NULL && type == kJSTypedArrayTypeUint8Array) {
        size_t offset = JSObjectGetTypedArrayByteOffset(ctx, (JSObjectRef)response, &exception);
        size_t bytes = exception == NULL ? JSObjectGetTypedArrayByteLength(ctx, (JSObjectRef)response, &exception) : 0;
        unsigned char *base = exception == NULL ? JSObjectGetTypedArrayBytesPtr(ctx, (JSObjectRef)response, &exception) : NULL;
        if (exception == NULL && base != NULL) {
            char *name = strdup(frame_path);
            char out_path[4096];
            snprintf(out_path, sizeof out_path, "%s/%s.response", out_dir, basename(name));
            free(name);
            FILE *out = fopen(out_path, "wb");
            written = out != NULL && fwrite(base + offset, 1, bytes, out) == bytes;
            if (out != NULL && fclose(out) != 0) written = 0;
            if (written) printf("%s: %zu bytes in, %zu bytes out\n", frame_path, length, bytes);
            else fprintf(stderr, "queryable-jsc-host: cannot write %s: %s\n", out_path, strerror(errno));
        }
    } else if (exception == NULL) {
        fprintf(stderr, "queryable-jsc-host: QueryableCore.handle returned no Uint8Array for %s\n", frame_path);
    }
    if (exception != NULL) print_exception(ctx, "reading the response", exception);
    JSValueUnprotect(ctx, response);
    return written;
}

static void usage(void)
{
    fprintf(stderr,
            "usage: queryable-jsc-host [--no-host-kernel] frames BUNDLE OUT_DIR FRAME...\n"
            "       queryable-jsc-host [--no-host-kernel] script FILE... [-- ARG...]\n"
            "       queryable-jsc-host self-test\n");
}

int main(int argc, char **argv)
{
    const char *jit = getenv("JavaScriptCoreUseJIT");
    /* WebKitGTK reads JavaScriptCore options from JSC_* variables when the first VM starts. */
    if (jit != NULL && strcmp(jit, "0") == 0) setenv("JSC_useJIT", "false", 1);

    int next = 1;
    int host_kernel = 1;
    if (next < argc && strcmp(argv[next], "--no-host-kernel") == 0) {
        host_kernel = 0;
        next++;
    }
    if (next >= argc) {
        usage();
        return 2;
    }
    const char *mode = argv[next++];
    if (strcmp(mode, "self-test") == 0) return run_self_tests() == 0 ? 0 : 1;

    JSGlobalContextRef ctx = JSGlobalContextCreate(NULL);
    JSValueRef exception = NULL;
    if (host_kernel && !register_host_kernel(ctx, &exception)) {
        print_exception(ctx, "registering QueryableHostKernel", exception);
        return 1;
    }

    int status = 0;
    if (strcmp(mode, "frames") == 0 && argc - next >= 3) {
        const char *bundle = argv[next];
        const char *out_dir = argv[next + 1];
        JSObjectRef handle = evaluate_file(ctx, bundle) ? find_handle(ctx) : NULL;
        if (handle == NULL) status = 1;
        for (int i = next + 2; status == 0 && i < argc; i++) {
            if (!serve_frame(ctx, handle, argv[i], out_dir)) status = 1;
        }
    } else if (strcmp(mode, "script") == 0 && argc - next >= 1) {
        int separator = next;
        while (separator < argc && strcmp(argv[separator], "--") != 0) separator++;
        int script_argc = separator < argc ? argc - separator - 1 : 0;
        if (!define_shell_globals(ctx, script_argc, argv + separator + 1, &exception)) {
            print_exception(ctx, "defining shell globals", exception);
            status = 1;
        }
        for (int i = next; status == 0 && i < separator; i++) {
            if (!evaluate_file(ctx, argv[i])) status = 1;
        }
    } else {
        usage();
        status = 2;
    }

    JSGlobalContextRelease(ctx);
    return status;
}
