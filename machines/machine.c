#include "machine.h"

#include <string.h>

#include "pmac.h"

/* Every machine Clarus can build; the first is the default. */
static const machine_desc *const registry[] = {&pmac_mac99_desc, &pmac_g3beige_desc, NULL};

size_t machine_count(void)
{
    size_t n = 0;
    while (registry[n]) n++;
    return n;
}

const machine_desc *machine_at(size_t i)
{
    return i < machine_count() ? registry[i] : NULL;
}

const machine_desc *machine_find(const char *id)
{
    for (size_t i = 0; registry[i]; i++)
        if (strcmp(registry[i]->id, id) == 0) return registry[i];
    return NULL;
}

const machine_desc *machine_default(void)
{
    return registry[0];
}
