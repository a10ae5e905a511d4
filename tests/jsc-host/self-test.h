#ifndef QUERYABLE_SELF_TEST_H
#define QUERYABLE_SELF_TEST_H

/* Runs the C API trap checks, prints one line per check and a summary. Returns the failure count. */
int run_self_tests(void);

#endif
