#ifndef AITRAPP_CLIBPQ_SHIM_H
#define AITRAPP_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
