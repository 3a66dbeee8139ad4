# What `make install` adds to the binaries for a desktop system: the desktop
# entry, the icon and the AppStream metainfo (GTK builds: clarus without GTK
# opens no window; Makefile.am distributes data/ whole), the man pages and
# the user's documentation.
# tests/install-files.sh validates them and checks the man pages cover every
# option of `clarus --help-all`.
if HAVE_GTK
desktopdir = $(datadir)/applications
desktop_DATA = data/org.clarus.Clarus.desktop
metainfodir = $(datadir)/metainfo
metainfo_DATA = data/org.clarus.Clarus.metainfo.xml
appiconsdir = $(datadir)/icons/hicolor/scalable/apps
appicons_DATA = data/icons/hicolor/scalable/apps/org.clarus.Clarus.svg
endif
dist_man1_MANS = doc/clarus.1 doc/clarus-user.1
dist_doc_DATA = README roms-README LICENSE

TESTS += tests/install-files.sh
