#!/bin/sh
# The GTK settings editor under Xvfb: tests/test-settings (a g_test program,
# TAP on stdout) builds the dialog for each machine and drives it through
# its widgets. Screenshots of the dialog go to tests/artefacts
# (CLARUS_ARTEFACTS).
set -u
builddir=${CLARUS_BUILDDIR:-.}
if ! command -v xvfb-run >/dev/null 2>&1; then
    echo "1..0 # SKIP xvfb-run is not installed (scripts/install-deps test)"
    exit 0
fi
CLARUS_ARTEFACTS=${CLARUS_ARTEFACTS:-$builddir/tests/artefacts}
export CLARUS_ARTEFACTS
# No session bus under Xvfb: GTK need not look for the accessibility bus or
# dconf (the file chooser keeps its settings in memory).
NO_AT_BRIDGE=1 GSETTINGS_BACKEND=memory
export NO_AT_BRIDGE GSETTINGS_BACKEND
exec xvfb-run -a -s "-screen 0 1024x768x24" "$builddir/tests/test-settings" --tap
