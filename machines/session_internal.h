/* For tests only: the machine behind a session, to check what a session
 * call did to its devices. Front ends use session.h alone. */
#ifndef CLARUS_SESSION_INTERNAL_H
#define CLARUS_SESSION_INTERNAL_H

#include "session.h"

machine *clarus_session_machine_internal(clarus_session *s);

#endif
