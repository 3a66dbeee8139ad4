#include "session.h"

#include "config.h"

G_DEFINE_QUARK(clarus - error - quark, clarus_error)

struct clarus_session {
    const machine_desc *machine;
};

const char *clarus_version(void)
{
    return PACKAGE_VERSION;
}

clarus_session *clarus_session_new(const clarus_config *cfg, GError **err)
{
    const machine_desc *m;
    if (cfg && cfg->machine) {
        m = machine_find(cfg->machine);
        if (!m) {
            g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_UNKNOWN_MACHINE,
                        "unknown machine '%s' (clarus --list-machines shows the machines)",
                        cfg->machine);
            return NULL;
        }
    } else {
        m = machine_default();
        if (!m) {
            g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_NO_MACHINE,
                        "this build of Clarus has no machine to run yet");
            return NULL;
        }
    }
    clarus_session *s = g_new0(clarus_session, 1);
    s->machine = m;
    return s;
}

void clarus_session_free(clarus_session *s)
{
    g_free(s);
}

const machine_desc *clarus_session_machine(const clarus_session *s)
{
    return s->machine;
}
