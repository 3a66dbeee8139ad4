#include "machine_prop.h"

#include <stdarg.h>
#include <string.h>

#include "session.h"

const machine_prop *machine_prop_find(const machine_desc *d, const char *key)
{
    for (size_t i = 0; d && key && i < d->nprops; i++)
        if (!strcmp(d->props[i].key, key)) return &d->props[i];
    return NULL;
}

static bool bad(GError **err, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static bool bad(GError **err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    gchar *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_set_error_literal(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG, msg);
    g_free(msg);
    return false;
}

bool machine_prop_check(const machine_desc *d, const char *key, const char *value, GError **err)
{
    const machine_prop *p = machine_prop_find(d, key);
    if (!p) {
        GString *keys = g_string_new(NULL);
        for (size_t j = 0; j < d->nprops; j++)
            g_string_append_printf(keys, "%s%s", j ? ", " : "", d->props[j].key);
        bad(err, "'%s' is not a setting of %s (its settings: %s)", key ? key : "", d->id,
            keys->str);
        g_string_free(keys, TRUE);
        return false;
    }
    if (!value) return bad(err, "%s needs a value (%s=VALUE)", p->key, p->key);
    switch (p->type) {
    case MPROP_ENUM:
        for (size_t k = 0; p->choices && p->choices[k]; k++)
            if (!strcmp(p->choices[k], value)) return true;
        {
            gchar *list = g_strjoinv(", ", (gchar **)p->choices);
            bad(err, "%s takes one of: %s", p->key, list);
            g_free(list);
        }
        return false;
    case MPROP_UINT: {
        /* Decimal digits only: no sign, no spaces, no hex. */
        bool digits = *value != '\0';
        for (const char *c = value; *c; c++) digits = digits && g_ascii_isdigit(*c);
        if (!digits)
            return bad(err, "%s takes a number from %u to %u ('%s' is not a number)", p->key,
                       p->min, p->max, value);
        /* Too many digits for 64 bits is out of range too. */
        guint64 n = 0;
        bool big = false;
        for (const char *c = value; *c && !big; c++) {
            if (n > (G_MAXUINT64 - 9) / 10) big = true;
            n = n * 10 + (guint64)(*c - '0');
        }
        if (big || n < p->min || n > p->max)
            return bad(err, "%s takes a number from %u to %u (%s is out of range)", p->key, p->min,
                       p->max, value);
        return true;
    }
    case MPROP_FILE:
    case MPROP_STRING:
        if (!*value) return bad(err, "%s is empty", p->key);
        return true;
    }
    return bad(err, "%s has a type Clarus does not know", p->key);
}
