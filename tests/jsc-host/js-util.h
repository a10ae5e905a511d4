#ifndef QUERYABLE_JS_UTIL_H
#define QUERYABLE_JS_UTIL_H

#include <stddef.h>
#include <JavaScriptCore/JavaScript.h>

/* Creates a JavaScript Error object with `message`. */
JSValueRef js_error(JSContextRef ctx, const char *message);

/* Returns a malloc'ed UTF-8 copy of `value` converted to a string (the caller frees it), or NULL. */
char *js_to_utf8(JSContextRef ctx, JSValueRef value);

/* Sets object[name] = value. Returns 0 and sets *exception on failure. */
int js_set_value(JSContextRef ctx, JSObjectRef object, const char *name, JSValueRef value, JSValueRef *exception);

/* Sets object[name] to a native function. Returns 0 and sets *exception on failure. */
int js_set_function(JSContextRef ctx, JSObjectRef object, const char *name,
                    JSObjectCallAsFunctionCallback callback, JSValueRef *exception);

/* Evaluates `source`. Returns the result, or NULL with *exception set. */
JSValueRef js_evaluate(JSContextRef ctx, const char *source, const char *url, JSValueRef *exception);

/* Reads a whole file into a malloc'ed buffer. Returns NULL (errno set) on failure. */
unsigned char *read_file(const char *path, size_t *length);

#endif
