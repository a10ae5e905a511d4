#include "js-util.h"

#include <stdio.h>
#include <stdlib.h>

JSValueRef js_error(JSContextRef ctx, const char *message)
{
    JSStringRef text = JSStringCreateWithUTF8CString(message);
    JSValueRef argument = JSValueMakeString(ctx, text);
    JSStringRelease(text);
    JSValueRef ignored = NULL;
    JSObjectRef error = JSObjectMakeError(ctx, 1, &argument, &ignored);
    return error != NULL ? (JSValueRef)error : argument;
}

char *js_to_utf8(JSContextRef ctx, JSValueRef value)
{
    JSValueRef exception = NULL;
    JSStringRef text = JSValueToStringCopy(ctx, value, &exception);
    if (text == NULL || exception != NULL) return NULL;
    size_t size = JSStringGetMaximumUTF8CStringSize(text);
    char *out = malloc(size);
    if (out != NULL) JSStringGetUTF8CString(text, out, size);
    JSStringRelease(text);
    return out;
}

int js_set_value(JSContextRef ctx, JSObjectRef object, const char *name, JSValueRef value, JSValueRef *exception)
{
    JSStringRef key = JSStringCreateWithUTF8CString(name);
    JSObjectSetProperty(ctx, object, key, value, kJSPropertyAttributeNone, exception);
    JSStringRelease(key);
    return *exception == NULL;
}

int js_set_function(JSContextRef ctx, JSObjectRef object, const char *name,
                    JSObjectCallAsFunctionCallback callback, JSValueRef *exception)
{
    JSStringRef key = JSStringCreateWithUTF8CString(name);
    JSObjectRef function = JSObjectMakeFunctionWithCallback(ctx, key, callback);
    JSStringRelease(key);
    return js_set_value(ctx, object, name, function, exception);
}

JSValueRef js_evaluate(JSContextRef ctx, const char *source, const char *url, JSValueRef *exception)
{
    JSStringRef script = JSStringCreateWithUTF8CString(source);
    JSStringRef source_url = JSStringCreateWithUTF8CString(url);
    JSValueRef result = JSEvaluateScript(ctx, script, NULL, source_url, 1, exception);
    JSStringRelease(script);
    JSStringRelease(source_url);
    return *exception == NULL ? result : NULL;
}

unsigned char *read_file(const char *path, size_t *length)
{
    FILE *file = fopen(path, "rb");
    if (file == NULL) return NULL;
    unsigned char *data = NULL;
    size_t used = 0, capacity = 0;
    for (;;) {
        if (used == capacity) {
            capacity = capacity == 0 ? 65536 : capacity * 2;
            unsigned char *grown = realloc(data, capacity + 1);
            if (grown == NULL) { free(data); fclose(file); return NULL; }
            data = grown;
        }
        size_t got = fread(data + used, 1, capacity - used, file);
        used += got;
        if (got == 0) break;
    }
    int failed = ferror(file);
    fclose(file);
    if (failed) { free(data); return NULL; }
    data[used] = 0;
    *length = used;
    return data;
}
