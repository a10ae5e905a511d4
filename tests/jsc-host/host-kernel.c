/*
 * The native search kernel registered as globalThis.QueryableHostKernel.
 * Each function computes exactly what the method of the same name of the
 * Kernel interface in core/ranking/kernels/kernel.ts documents, on core's
 * typed arrays in place (no copies), with bit-identical results.
 */
#include "host-kernel.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "js-util.h"

/* A typed array argument, resolved to a pointer at its first element. */
typedef struct {
    JSObjectRef object;
    uint8_t *bytes;
    size_t length; /* elements */
} TypedView;

static const char *type_name(JSTypedArrayType type)
{
    switch (type) {
    case kJSTypedArrayTypeInt8Array: return "Int8Array";
    case kJSTypedArrayTypeUint8Array: return "Uint8Array";
    case kJSTypedArrayTypeInt16Array: return "Int16Array";
    case kJSTypedArrayTypeUint16Array: return "Uint16Array";
    case kJSTypedArrayTypeInt32Array: return "Int32Array";
    case kJSTypedArrayTypeUint32Array: return "Uint32Array";
    case kJSTypedArrayTypeFloat32Array: return "Float32Array";
    default: return "another type";
    }
}

/*
 * Resolves argument `index` as a typed array of `type` with at least
 * `min_length` elements. JSObjectGetTypedArrayBytesPtr points at the start
 * of the whole ArrayBuffer, so the view's byte offset is added here.
 * Returns 0 and sets *exception on a wrong type or a short array.
 */
static int typed_arg(JSContextRef ctx, const char *function, size_t argc, const JSValueRef argv[], size_t index,
                     JSTypedArrayType type, size_t min_length, TypedView *view, JSValueRef *exception)
{
    char message[256];
    if (index >= argc || !JSValueIsObject(ctx, argv[index])) {
        snprintf(message, sizeof message, "%s: argument %zu must be a %s", function, index, type_name(type));
        *exception = js_error(ctx, message);
        return 0;
    }

    JSObjectRef object = (JSObjectRef)argv[index];
    JSTypedArrayType actual = JSValueGetTypedArrayType(ctx, object, exception);
    if (*exception != NULL) return 0;
    if (actual != type) {
        snprintf(message, sizeof message, "%s: argument %zu is a %s, expected a %s", function, index, type_name(actual), type_name(type));
        *exception = js_error(ctx, message);
        return 0;
    }

    size_t length = JSObjectGetTypedArrayLength(ctx, object, exception);
    if (*exception != NULL) return 0;
    size_t offset = JSObjectGetTypedArrayByteOffset(ctx, object, exception);
    if (*exception != NULL) return 0;
    uint8_t *base = JSObjectGetTypedArrayBytesPtr(ctx, object, exception);
    if (*exception != NULL) return 0;
    if (length < min_length) {
        snprintf(message, sizeof message, "%s: argument %zu has %zu elements, needs at least %zu", function, index, length, min_length);
        *exception = js_error(ctx, message);
        return 0;
    }

    view->object = object;
    view->bytes = base + offset;
    view->length = length;
    return 1;
}

/* Reads argument `index` as a whole number in [0, 2^31). Returns 0 and sets *exception otherwise. */
static int count_arg(JSContextRef ctx, const char *function, size_t argc, const JSValueRef argv[], size_t index,
                     size_t *out, JSValueRef *exception)
{
    double value = index < argc ? JSValueToNumber(ctx, argv[index], exception) : -1;
    if (*exception != NULL) return 0;
    if (!(value >= 0 && value < 2147483648.0) || value != (double)(size_t)value) {
        char message[160];
        snprintf(message, sizeof message, "%s: argument %zu must be a whole number from 0 to 2^31-1, got %g", function, index, value);
        *exception = js_error(ctx, message);
        return 0;
    }
    *out = (size_t)value;
    return 1;
}

/* Keeps the arrays alive while native code uses pointers into them. */
static void protect_all(JSContextRef ctx, TypedView *views, size_t n)
{
    for (size_t i = 0; i < n; i++) JSValueProtect(ctx, views[i].object);
}

static void unprotect_all(JSContextRef ctx, TypedView *views, size_t n)
{
    for (size_t i = 0; i < n; i++) JSValueUnprotect(ctx, views[i].object);
}

static JSValueRef dot_f32(JSContextRef ctx, JSObjectRef function, JSObjectRef self, size_t argc,
                          const JSValueRef argv[], JSValueRef *exception)
{
    (void)function; (void)self;
    size_t dimension, count;
    TypedView v[3];
    if (!count_arg(ctx, "dotF32", argc, argv, 2, &dimension, exception)) return NULL;
    if (!count_arg(ctx, "dotF32", argc, argv, 3, &count, exception)) return NULL;
    if (!typed_arg(ctx, "dotF32", argc, argv, 0, kJSTypedArrayTypeFloat32Array, dimension, &v[0], exception)) return NULL;
    if (!typed_arg(ctx, "dotF32", argc, argv, 1, kJSTypedArrayTypeFloat32Array, dimension * count, &v[1], exception)) return NULL;
    if (!typed_arg(ctx, "dotF32", argc, argv, 4, kJSTypedArrayTypeFloat32Array, count, &v[2], exception)) return NULL;
    protect_all(ctx, v, 3);

    const float *query = (const float *)v[0].bytes;
    const float *matrix = (const float *)v[1].bytes;
    float *out = (float *)v[2].bytes;
    for (size_t i = 0; i < count; i++) {
        const float *row = matrix + i * dimension;
        double sum = 0;
        for (size_t j = 0; j < dimension; j++) sum += (double)query[j] * (double)row[j];
        out[i] = (float)sum;
    }

    unprotect_all(ctx, v, 3);
    return JSValueMakeUndefined(ctx);
}

static JSValueRef dot_i8_rows(JSContextRef ctx, JSObjectRef function, JSObjectRef self, size_t argc,
                              const JSValueRef argv[], JSValueRef *exception)
{
    (void)function; (void)self;
    size_t dimension, row_count;
    TypedView v[4];
    if (!count_arg(ctx, "dotI8Rows", argc, argv, 2, &dimension, exception)) return NULL;
    if (!count_arg(ctx, "dotI8Rows", argc, argv, 4, &row_count, exception)) return NULL;
    if (!typed_arg(ctx, "dotI8Rows", argc, argv, 0, kJSTypedArrayTypeInt16Array, dimension, &v[0], exception)) return NULL;
    if (!typed_arg(ctx, "dotI8Rows", argc, argv, 1, kJSTypedArrayTypeInt8Array, 0, &v[1], exception)) return NULL;
    if (!typed_arg(ctx, "dotI8Rows", argc, argv, 3, kJSTypedArrayTypeUint32Array, row_count, &v[2], exception)) return NULL;
    if (!typed_arg(ctx, "dotI8Rows", argc, argv, 5, kJSTypedArrayTypeInt32Array, row_count, &v[3], exception)) return NULL;

    const uint32_t *rows = (const uint32_t *)v[2].bytes;
    size_t stored_rows = dimension == 0 ? 0 : v[1].length / dimension;
    for (size_t k = 0; k < row_count; k++) {
        if (rows[k] >= stored_rows) {
            char message[160];
            snprintf(message, sizeof message, "dotI8Rows: rows[%zu] = %u is past the %zu stored rows", k, rows[k], stored_rows);
            *exception = js_error(ctx, message);
            return NULL;
        }
    }
    protect_all(ctx, v, 4);

    const int16_t *query = (const int16_t *)v[0].bytes;
    const int8_t *codes = (const int8_t *)v[1].bytes;
    int32_t *out = (int32_t *)v[3].bytes;
    for (size_t k = 0; k < row_count; k++) {
        const int8_t *row = codes + (size_t)rows[k] * dimension;
        int32_t sum = 0;
        for (size_t j = 0; j < dimension; j++) sum += (int32_t)query[j] * (int32_t)row[j];
        out[k] = sum;
    }

    unprotect_all(ctx, v, 4);
    return JSValueMakeUndefined(ctx);
}

static JSValueRef hamming(JSContextRef ctx, JSObjectRef function, JSObjectRef self, size_t argc,
                          const JSValueRef argv[], JSValueRef *exception)
{
    (void)function; (void)self;
    size_t code_bytes, count;
    TypedView v[5];
    if (!count_arg(ctx, "hamming", argc, argv, 2, &code_bytes, exception)) return NULL;
    if (!count_arg(ctx, "hamming", argc, argv, 3, &count, exception)) return NULL;
    if (code_bytes % 8 != 0) {
        *exception = js_error(ctx, "hamming: codeBytes must be a multiple of 8");
        return NULL;
    }
    size_t bins = code_bytes * 8 + 2;
    if (!typed_arg(ctx, "hamming", argc, argv, 0, kJSTypedArrayTypeUint8Array, code_bytes, &v[0], exception)) return NULL;
    if (!typed_arg(ctx, "hamming", argc, argv, 1, kJSTypedArrayTypeUint8Array, code_bytes * count, &v[1], exception)) return NULL;
    if (!typed_arg(ctx, "hamming", argc, argv, 4, kJSTypedArrayTypeUint8Array, count, &v[2], exception)) return NULL;
    if (!typed_arg(ctx, "hamming", argc, argv, 5, kJSTypedArrayTypeUint16Array, count, &v[3], exception)) return NULL;
    if (!typed_arg(ctx, "hamming", argc, argv, 6, kJSTypedArrayTypeUint32Array, bins, &v[4], exception)) return NULL;
    protect_all(ctx, v, 5);

    const uint8_t *query = v[0].bytes;
    const uint8_t *codes = v[1].bytes;
    const uint8_t *mask = v[2].bytes;
    uint16_t *out = (uint16_t *)v[3].bytes;
    uint32_t *histogram = (uint32_t *)v[4].bytes;
    uint16_t excluded = (uint16_t)(code_bytes * 8 + 1);
    size_t words = code_bytes / 8;
    memset(histogram, 0, bins * sizeof(uint32_t));

    for (size_t i = 0; i < count; i++) {
        uint16_t distance = excluded;
        if (mask[i] != 0) {
            const uint8_t *code = codes + i * code_bytes;
            unsigned total = 0;
            for (size_t w = 0; w < words; w++) {
                uint64_t a, b;
                memcpy(&a, query + 8 * w, 8);
                memcpy(&b, code + 8 * w, 8);
                total += (unsigned)__builtin_popcountll(a ^ b);
            }
            distance = (uint16_t)total;
        }
        out[i] = distance;
        histogram[distance]++;
    }

    unprotect_all(ctx, v, 5);
    return JSValueMakeUndefined(ctx);
}

static JSValueRef collect(JSContextRef ctx, JSObjectRef function, JSObjectRef self, size_t argc,
                          const JSValueRef argv[], JSValueRef *exception)
{
    (void)function; (void)self;
    size_t count, threshold, below, limit;
    TypedView v[2];
    if (!count_arg(ctx, "collect", argc, argv, 1, &count, exception)) return NULL;
    if (!count_arg(ctx, "collect", argc, argv, 2, &threshold, exception)) return NULL;
    if (!count_arg(ctx, "collect", argc, argv, 3, &below, exception)) return NULL;
    if (!count_arg(ctx, "collect", argc, argv, 4, &limit, exception)) return NULL;
    if (!typed_arg(ctx, "collect", argc, argv, 0, kJSTypedArrayTypeUint16Array, count, &v[0], exception)) return NULL;
    if (!typed_arg(ctx, "collect", argc, argv, 5, kJSTypedArrayTypeUint32Array, limit, &v[1], exception)) return NULL;
    protect_all(ctx, v, 2);

    const uint16_t *distances = (const uint16_t *)v[0].bytes;
    uint32_t *out = (uint32_t *)v[1].bytes;
    size_t under = 0;
    size_t at = below;
    for (size_t i = 0; i < count; i++) {
        if (distances[i] < threshold) {
            if (under < limit) out[under++] = (uint32_t)i;
        } else if (distances[i] == threshold && at < limit) {
            out[at++] = (uint32_t)i;
        }
    }

    unprotect_all(ctx, v, 2);
    return JSValueMakeNumber(ctx, (double)(at < limit ? at : limit));
}

int register_host_kernel(JSGlobalContextRef ctx, JSValueRef *exception)
{
    JSObjectRef kernel = JSObjectMake(ctx, NULL, NULL);
    if (!js_set_function(ctx, kernel, "dotF32", dot_f32, exception)) return 0;
    if (!js_set_function(ctx, kernel, "dotI8Rows", dot_i8_rows, exception)) return 0;
    if (!js_set_function(ctx, kernel, "hamming", hamming, exception)) return 0;
    if (!js_set_function(ctx, kernel, "collect", collect, exception)) return 0;
    return js_set_value(ctx, JSContextGetGlobalObject(ctx), "QueryableHostKernel", kernel, exception);
}
