#include "machine_config.h"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>

#include "machine_prop.h"

#define GROUP_MACHINE "machine"
#define GROUP_DISKS   "disks"

typedef struct {
    gchar *path;
    bool readonly;
} disk_entry;

struct machine_config {
    const machine_desc *desc;
    /* The whole file as read: groups and keys this version does not know
     * stay in it and are written back as they were. */
    GKeyFile *kf;
    gchar *path;
    gchar *name;
    gchar **values;   /* one per desc->props entry */
    GPtrArray *disks; /* disk_entry */
    gchar *cdrom;
    gchar *screenshot;
    /* What machine_config_to_session handed out. */
    GPtrArray *sess_props, *sess_disks;
};

static void disk_entry_free(gpointer p)
{
    disk_entry *e = p;
    g_free(e->path);
    g_free(e);
}

static machine_config *config_alloc(const machine_desc *d, GKeyFile *kf)
{
    machine_config *cfg = g_new0(machine_config, 1);
    cfg->desc = d;
    cfg->kf = kf ? kf : g_key_file_new();
    cfg->name = g_strdup(d->name);
    cfg->values = g_new0(gchar *, d->nprops + 1);
    for (size_t i = 0; i < d->nprops; i++)
        cfg->values[i] = g_strdup(d->props[i].def ? d->props[i].def : "");
    cfg->disks = g_ptr_array_new_with_free_func(disk_entry_free);
    return cfg;
}

machine_config *machine_config_new(const machine_desc *d)
{
    g_return_val_if_fail(d != NULL, NULL);
    return config_alloc(d, NULL);
}

machine_config *machine_config_default(void)
{
    const machine_desc *d = machine_default();
    if (!d) return NULL;
    machine_config *cfg = machine_config_new(d);
    g_free(cfg->name);
    cfg->name = g_strdup("Power Mac G4");
    return cfg;
}

void machine_config_free(machine_config *cfg)
{
    if (!cfg) return;
    g_key_file_unref(cfg->kf);
    g_free(cfg->path);
    g_free(cfg->name);
    g_strfreev(cfg->values);
    g_ptr_array_unref(cfg->disks);
    g_free(cfg->cdrom);
    g_free(cfg->screenshot);
    if (cfg->sess_props) g_ptr_array_unref(cfg->sess_props);
    if (cfg->sess_disks) g_ptr_array_unref(cfg->sess_disks);
    g_free(cfg);
}

/* The property rules, plus: a property whose default is empty (nothing
 * set: no NVRAM file) may be empty. */
static bool value_check(const machine_desc *d, const char *key, const char *value, GError **err)
{
    const machine_prop *p = machine_prop_find(d, key);
    if (p && value && !*value && p->def && !*p->def) return true;
    return machine_prop_check(d, key, value, err);
}

static bool path_check(const char *what, const char *path, GError **err)
{
    if (!path || !*path) {
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG, "the %s image path is empty", what);
        return false;
    }
    if (strchr(path, ',')) {
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                    "%s: a %s image path may not contain a comma (rename the file)", path, what);
        return false;
    }
    return true;
}

/* ---- reading ---- */

/* "hd12" with prefix "hd": true, *n = 12, *rest = "" (or "-readonly"...).
 * Decimal without leading zeros, so one slot has one spelling. */
static bool parse_slot(const char *key, const char *prefix, unsigned *n, const char **rest)
{
    size_t pl = strlen(prefix);
    if (strncmp(key, prefix, pl) != 0) return false;
    const char *c = key + pl;
    if (!g_ascii_isdigit(*c) || (c[0] == '0' && g_ascii_isdigit(c[1]))) return false;
    unsigned v = 0;
    for (; g_ascii_isdigit(*c); c++) {
        if (v > 99999) return false;
        v = v * 10 + (unsigned)(*c - '0');
    }
    *n = v;
    *rest = c;
    return true;
}

typedef struct {
    unsigned n;
    disk_entry *e;
} slot;

static gint slot_cmp(gconstpointer a, gconstpointer b)
{
    const slot *x = a, *y = b;
    return x->n < y->n ? -1 : x->n > y->n;
}

static bool load_disks(machine_config *cfg, const char *path, GError **err)
{
    if (!g_key_file_has_group(cfg->kf, GROUP_DISKS)) return true;
    gchar **keys = g_key_file_get_keys(cfg->kf, GROUP_DISKS, NULL, NULL);
    GArray *slots = g_array_new(FALSE, FALSE, sizeof(slot));
    GError *e = NULL;
    bool ok = true;
    /* The disks first, then their readonly flags. */
    for (size_t i = 0; ok && keys && keys[i]; i++) {
        unsigned n;
        const char *rest;
        bool hd = parse_slot(keys[i], "hd", &n, &rest) && !*rest;
        bool cd = !hd && parse_slot(keys[i], "cd", &n, &rest) && !*rest && n == 0;
        if (!hd && !cd) continue; /* not ours: kept as it is */
        gchar *v = g_key_file_get_string(cfg->kf, GROUP_DISKS, keys[i], &e);
        if (v && !path_check(hd ? "disk" : "CD", v, &e)) g_clear_pointer(&v, g_free);
        if (!v) {
            g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG, "%s: [%s] %s: %s", path,
                        GROUP_DISKS, keys[i], e->message);
            g_clear_error(&e);
            ok = false;
        } else if (cd) {
            cfg->cdrom = v;
        } else {
            disk_entry *d = g_new0(disk_entry, 1);
            d->path = v;
            slot s = {n, d};
            g_array_append_val(slots, s);
        }
    }
    for (size_t i = 0; ok && keys && keys[i]; i++) {
        unsigned n;
        const char *rest;
        if (!parse_slot(keys[i], "hd", &n, &rest) || strcmp(rest, "-readonly") != 0) continue;
        slot *s = NULL;
        for (guint j = 0; j < slots->len; j++)
            if (g_array_index(slots, slot, j).n == n) s = &g_array_index(slots, slot, j);
        gchar *raw = g_key_file_get_value(cfg->kf, GROUP_DISKS, keys[i], NULL);
        gboolean ro = g_key_file_get_boolean(cfg->kf, GROUP_DISKS, keys[i], &e);
        if (e) {
            g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                        "%s: [%s] %s=%s: takes true or false", path, GROUP_DISKS, keys[i],
                        raw ? raw : "");
            g_clear_error(&e);
            ok = false;
        } else if (!s) {
            g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                        "%s: [%s] %s: there is no hd%u to go with it", path, GROUP_DISKS, keys[i],
                        n);
            ok = false;
        } else {
            s->e->readonly = ro;
        }
        g_free(raw);
    }
    g_array_sort(slots, slot_cmp);
    for (guint j = 0; j < slots->len; j++) {
        disk_entry *d = g_array_index(slots, slot, j).e;
        if (ok)
            g_ptr_array_add(cfg->disks, d);
        else
            disk_entry_free(d);
    }
    g_array_unref(slots);
    g_strfreev(keys);
    return ok;
}

static gchar *known_ids(void)
{
    GString *s = g_string_new(NULL);
    for (size_t i = 0; i < machine_count(); i++)
        g_string_append_printf(s, "%s%s", i ? ", " : "", machine_at(i)->id);
    return g_string_free(s, FALSE);
}

machine_config *machine_config_load(const char *path, GError **err)
{
    GKeyFile *kf = g_key_file_new();
    GError *e = NULL;
    if (!g_key_file_load_from_file(kf, path, G_KEY_FILE_KEEP_COMMENTS, &e)) {
        if (e->domain == G_FILE_ERROR)
            g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG, "%s: cannot read it: %s", path,
                        e->message);
        else
            g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                        "%s: not a Clarus machine file (not a key file: %s)", path, e->message);
        g_error_free(e);
        g_key_file_unref(kf);
        return NULL;
    }
    if (!g_key_file_has_group(kf, GROUP_MACHINE)) {
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                    "%s: not a Clarus machine file (it has no [%s] group)", path, GROUP_MACHINE);
        g_key_file_unref(kf);
        return NULL;
    }
    gchar *id = g_key_file_get_string(kf, GROUP_MACHINE, "id", NULL);
    const machine_desc *d = id ? machine_find(id) : NULL;
    if (!d) {
        gchar *ids = known_ids();
        if (!id || !*id)
            g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                        "%s: [%s] id is missing: it names the machine (one of: %s)", path,
                        GROUP_MACHINE, ids);
        else
            g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_UNKNOWN_MACHINE,
                        "%s: [%s] id=%s: unknown machine '%s' (Clarus knows: %s)", path,
                        GROUP_MACHINE, id, id, ids);
        g_free(ids);
        g_free(id);
        g_key_file_unref(kf);
        return NULL;
    }
    g_free(id);
    machine_config *cfg = config_alloc(d, kf);
    gchar *name = g_key_file_get_string(kf, GROUP_MACHINE, "name", NULL);
    if (name && *name) {
        g_free(cfg->name);
        cfg->name = name;
    } else {
        g_free(name);
    }
    gchar *shot = g_key_file_get_string(kf, GROUP_MACHINE, "screenshot", NULL);
    if (shot && *shot)
        cfg->screenshot = shot;
    else
        g_free(shot);
    /* A setting the file lacks (one an older Clarus did not have) keeps
     * its default. */
    for (size_t i = 0; i < d->nprops; i++) {
        const char *key = d->props[i].key;
        if (!g_key_file_has_key(kf, GROUP_MACHINE, key, NULL)) continue;
        gchar *v = g_key_file_get_string(kf, GROUP_MACHINE, key, &e);
        if (!v || !value_check(d, key, v, &e)) {
            g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG, "%s: [%s] %s=%s: %s", path,
                        GROUP_MACHINE, key, v ? v : "", e->message);
            g_error_free(e);
            g_free(v);
            machine_config_free(cfg);
            return NULL;
        }
        g_free(cfg->values[i]);
        cfg->values[i] = v;
    }
    if (!load_disks(cfg, path, err)) {
        machine_config_free(cfg);
        return NULL;
    }
    cfg->path = g_strdup(path);
    return cfg;
}

/* ---- writing ---- */

static bool our_disk_key(const char *key)
{
    unsigned n;
    const char *rest;
    if (parse_slot(key, "hd", &n, &rest)) return !*rest || !strcmp(rest, "-readonly");
    return parse_slot(key, "cd", &n, &rest) && !*rest && n == 0;
}

static void store(machine_config *cfg)
{
    GKeyFile *kf = cfg->kf;
    g_key_file_set_string(kf, GROUP_MACHINE, "id", cfg->desc->id);
    g_key_file_set_string(kf, GROUP_MACHINE, "name", cfg->name);
    if (cfg->screenshot)
        g_key_file_set_string(kf, GROUP_MACHINE, "screenshot", cfg->screenshot);
    else
        g_key_file_remove_key(kf, GROUP_MACHINE, "screenshot", NULL);
    for (size_t i = 0; i < cfg->desc->nprops; i++)
        g_key_file_set_string(kf, GROUP_MACHINE, cfg->desc->props[i].key, cfg->values[i]);
    gchar **keys = g_key_file_get_keys(kf, GROUP_DISKS, NULL, NULL);
    for (size_t i = 0; keys && keys[i]; i++)
        if (our_disk_key(keys[i])) g_key_file_remove_key(kf, GROUP_DISKS, keys[i], NULL);
    g_strfreev(keys);
    for (guint i = 0; i < cfg->disks->len; i++) {
        const disk_entry *d = g_ptr_array_index(cfg->disks, i);
        gchar *k = g_strdup_printf("hd%u", i);
        gchar *kr = g_strdup_printf("hd%u-readonly", i);
        g_key_file_set_string(kf, GROUP_DISKS, k, d->path);
        g_key_file_set_boolean(kf, GROUP_DISKS, kr, d->readonly);
        g_free(k);
        g_free(kr);
    }
    if (cfg->cdrom) g_key_file_set_string(kf, GROUP_DISKS, "cd0", cfg->cdrom);
    gsize nkeys = 0;
    keys = g_key_file_get_keys(kf, GROUP_DISKS, &nkeys, NULL);
    if (keys && nkeys == 0) g_key_file_remove_group(kf, GROUP_DISKS, NULL);
    g_strfreev(keys);
}

bool machine_config_save(machine_config *cfg, const char *path, GError **err)
{
    store(cfg);
    gsize len = 0;
    gchar *data = g_key_file_to_data(cfg->kf, &len, NULL);
    gchar *dir = g_path_get_dirname(path);
    bool ok = true;
    if (g_mkdir_with_parents(dir, 0700) != 0) {
        int e = errno;
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_HOST, "%s: cannot create the folder %s: %s",
                    path, dir, g_strerror(e));
        ok = false;
    } else if (!g_file_set_contents(path, data, (gssize)len, err)) {
        ok = false;
    }
    g_free(dir);
    g_free(data);
    if (ok && g_strcmp0(cfg->path, path) != 0) {
        g_free(cfg->path);
        cfg->path = g_strdup(path);
    }
    return ok;
}

/* ---- accessors ---- */

const machine_desc *machine_config_desc(const machine_config *cfg)
{
    return cfg->desc;
}

const char *machine_config_path(const machine_config *cfg)
{
    return cfg->path;
}

const char *machine_config_name(const machine_config *cfg)
{
    return cfg->name;
}

bool machine_config_set_name(machine_config *cfg, const char *name, GError **err)
{
    if (!name || !*name) {
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG, "the machine's name is empty");
        return false;
    }
    g_free(cfg->name);
    cfg->name = g_strdup(name);
    return true;
}

static gssize prop_index(const machine_desc *d, const char *key)
{
    const machine_prop *p = machine_prop_find(d, key);
    return p ? (gssize)(p - d->props) : -1;
}

const char *machine_config_get(const machine_config *cfg, const char *key)
{
    gssize i = prop_index(cfg->desc, key);
    return i < 0 ? NULL : cfg->values[i];
}

bool machine_config_set(machine_config *cfg, const char *key, const char *value, GError **err)
{
    if (!value_check(cfg->desc, key, value, err)) return false;
    gssize i = prop_index(cfg->desc, key);
    g_free(cfg->values[i]);
    cfg->values[i] = g_strdup(value);
    return true;
}

size_t machine_config_disk_count(const machine_config *cfg)
{
    return cfg->disks->len;
}

const char *machine_config_disk(const machine_config *cfg, size_t i, bool *readonly)
{
    if (i >= cfg->disks->len) return NULL;
    const disk_entry *d = g_ptr_array_index(cfg->disks, i);
    if (readonly) *readonly = d->readonly;
    return d->path;
}

bool machine_config_add_disk(machine_config *cfg, const char *path, bool readonly, GError **err)
{
    if (!path_check("disk", path, err)) return false;
    disk_entry *d = g_new0(disk_entry, 1);
    d->path = g_strdup(path);
    d->readonly = readonly;
    g_ptr_array_add(cfg->disks, d);
    return true;
}

void machine_config_set_disk_readonly(machine_config *cfg, size_t i, bool readonly)
{
    if (i < cfg->disks->len) ((disk_entry *)g_ptr_array_index(cfg->disks, i))->readonly = readonly;
}

void machine_config_remove_disk(machine_config *cfg, size_t i)
{
    if (i < cfg->disks->len) g_ptr_array_remove_index(cfg->disks, (guint)i);
}

const char *machine_config_cdrom(const machine_config *cfg)
{
    return cfg->cdrom;
}

bool machine_config_set_cdrom(machine_config *cfg, const char *path, GError **err)
{
    if (path && !path_check("CD", path, err)) return false;
    g_free(cfg->cdrom);
    cfg->cdrom = g_strdup(path);
    return true;
}

const char *machine_config_screenshot(const machine_config *cfg)
{
    return cfg->screenshot;
}

void machine_config_set_screenshot(machine_config *cfg, const char *path)
{
    g_free(cfg->screenshot);
    cfg->screenshot = path && *path ? g_strdup(path) : NULL;
}

/* ---- the session ---- */

void machine_config_to_session(machine_config *cfg, clarus_config *out)
{
    if (cfg->sess_props) g_ptr_array_unref(cfg->sess_props);
    if (cfg->sess_disks) g_ptr_array_unref(cfg->sess_disks);
    cfg->sess_props = g_ptr_array_new_with_free_func(g_free);
    cfg->sess_disks = g_ptr_array_new_with_free_func(g_free);
    const machine_desc *d = cfg->desc;
    for (size_t i = 0; i < d->nprops; i++) {
        const char *v = cfg->values[i], *def = d->props[i].def ? d->props[i].def : "";
        if (*v && strcmp(v, def) != 0)
            g_ptr_array_add(cfg->sess_props, g_strdup_printf("%s=%s", d->props[i].key, v));
    }
    g_ptr_array_add(cfg->sess_props, NULL);
    for (guint i = 0; i < cfg->disks->len; i++) {
        const disk_entry *e = g_ptr_array_index(cfg->disks, i);
        g_ptr_array_add(cfg->sess_disks,
                        e->readonly ? g_strconcat(e->path, ",readonly", NULL) : g_strdup(e->path));
    }
    g_ptr_array_add(cfg->sess_disks, NULL);
    out->machine = d->id;
    out->props = (const char *const *)cfg->sess_props->pdata;
    out->disks = (const char *const *)cfg->sess_disks->pdata;
    out->cdrom = cfg->cdrom;
}

/* ---- the library folder ---- */

gchar *machine_config_dir(void)
{
    return g_build_filename(g_get_user_config_dir(), "clarus", "machines", NULL);
}

static gint path_cmp(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

gchar **machine_config_list(const char *dir, GError **err)
{
    GPtrArray *out = g_ptr_array_new();
    GError *e = NULL;
    GDir *dh = g_dir_open(dir, 0, &e);
    if (!dh) {
        if (g_error_matches(e, G_FILE_ERROR, G_FILE_ERROR_NOENT)) {
            g_error_free(e);
            g_ptr_array_add(out, NULL);
            return (gchar **)g_ptr_array_free(out, FALSE);
        }
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_HOST, "%s: cannot list the machines: %s", dir,
                    e->message);
        g_error_free(e);
        g_ptr_array_free(out, TRUE);
        return NULL;
    }
    const char *n;
    while ((n = g_dir_read_name(dh))) {
        if (n[0] == '.' || !g_str_has_suffix(n, ".ini")) continue;
        gchar *p = g_build_filename(dir, n, NULL);
        if (g_file_test(p, G_FILE_TEST_IS_REGULAR))
            g_ptr_array_add(out, p);
        else
            g_free(p);
    }
    g_dir_close(dh);
    g_ptr_array_sort(out, path_cmp);
    g_ptr_array_add(out, NULL);
    return (gchar **)g_ptr_array_free(out, FALSE);
}

gchar *machine_config_new_path(const char *dir, const char *name)
{
    /* Lower-case ASCII letters and digits, anything else one '-'. */
    GString *slug = g_string_new(NULL);
    for (const char *c = name ? name : ""; *c; c++) {
        if (g_ascii_isalnum(*c))
            g_string_append_c(slug, g_ascii_tolower(*c));
        else if (slug->len && slug->str[slug->len - 1] != '-')
            g_string_append_c(slug, '-');
        if (slug->len >= 64) break;
    }
    while (slug->len && slug->str[slug->len - 1] == '-') g_string_truncate(slug, slug->len - 1);
    if (!slug->len) g_string_append(slug, "machine");
    for (unsigned i = 1;; i++) {
        gchar *file = i == 1 ? g_strdup_printf("%s.ini", slug->str)
                             : g_strdup_printf("%s-%u.ini", slug->str, i);
        gchar *p = g_build_filename(dir, file, NULL);
        g_free(file);
        if (!g_file_test(p, G_FILE_TEST_EXISTS)) {
            g_string_free(slug, TRUE);
            return p;
        }
        g_free(p);
    }
}
