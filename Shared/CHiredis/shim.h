#ifndef AITRAPP_CHIREDIS_SHIM_H
#define AITRAPP_CHIREDIS_SHIM_H
#include <hiredis/hiredis.h>
#include <sys/time.h>
#endif
