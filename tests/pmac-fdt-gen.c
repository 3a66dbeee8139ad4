/* pmac-fdt-gen MACHINE[,via=pmu|pmu-adb] OUT.dtb [CMDLINE]: writes the
 * flattened device tree machines/pmac_fdt.c builds for a Power Mac with
 * the defaults (the layout OpenBIOS gives it), for tests/pmac-fdt.sh. */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "machines/pmac_fdt.h"

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: pmac-fdt-gen mac99|g3beige[,via=pmu|pmu-adb] OUT.dtb [CMDLINE]\n");
        return 2;
    }
    pmac_fdt_info in;
    gchar **parts = g_strsplit(argv[1], ",", 2);
    if (!strcmp(parts[0], "mac99")) {
        pmac_fdt_defaults(&in, PMAC_FDT_MAC99);
    } else if (!strcmp(parts[0], "g3beige")) {
        pmac_fdt_defaults(&in, PMAC_FDT_G3BEIGE);
    } else {
        fprintf(stderr, "pmac-fdt-gen: unknown machine %s\n", parts[0]);
        return 2;
    }
    if (parts[1] && !strcmp(parts[1], "via=pmu")) {
        in.via = PMAC_FDT_PMU;
    } else if (parts[1] && !strcmp(parts[1], "via=pmu-adb")) {
        in.via = PMAC_FDT_PMU_ADB;
    } else if (parts[1] && strcmp(parts[1], "via=cuda")) {
        fprintf(stderr, "pmac-fdt-gen: unknown setting %s\n", parts[1]);
        return 2;
    }
    g_strfreev(parts);
    in.cmdline = argc > 3 ? argv[3] : NULL;
    size_t len = 0;
    GError *err = NULL;
    uint8_t *b = pmac_fdt_build(&in, &len, &err);
    if (!b || !g_file_set_contents(argv[2], (const char *)b, (gssize)len, &err)) {
        fprintf(stderr, "pmac-fdt-gen: %s\n", err->message);
        return 1;
    }
    g_free(b);
    return 0;
}
