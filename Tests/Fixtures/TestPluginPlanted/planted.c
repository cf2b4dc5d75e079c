// A library planted where a plugin might be looked for. Its constructor runs the moment anything
// dlopens it, before any plugin check that needs its code, and leaves a file beside the library:
// `<library>.constructor-ran`. The loader tests assert that file never appears, i.e. that the
// library was refused before dlopen.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include "TestPluginPlanted.h"

__attribute__((constructor)) static void plantedConstructorRan(void) {
    Dl_info info;
    if (dladdr((void *)&plantedConstructorRan, &info) == 0 || info.dli_fname == NULL) return;
    char marker[4096];
    if (snprintf(marker, sizeof marker, "%s.constructor-ran", info.dli_fname) >= (int)sizeof marker) return;
    FILE *file = fopen(marker, "w");
    if (file != NULL) {
        fputs("the constructor of a planted library ran\n", file);
        fclose(file);
    }
}

int test_plugin_planted_marker(void) { return 1; }
