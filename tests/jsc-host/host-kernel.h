#ifndef QUERYABLE_HOST_KERNEL_H
#define QUERYABLE_HOST_KERNEL_H

#include <JavaScriptCore/JavaScript.h>

/* Defines globalThis.QueryableHostKernel. Returns 0 and sets *exception on failure. */
int register_host_kernel(JSGlobalContextRef ctx, JSValueRef *exception);

#endif
