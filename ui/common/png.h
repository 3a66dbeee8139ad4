/* PNG screenshots of the emulated display (libpng), for the CLI and the GTK front end. */
#ifndef CLARUS_UI_COMMON_PNG_H
#define CLARUS_UI_COMMON_PNG_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

/* Writes w x h 0x00RRGGBB pixels as an 8-bit RGB PNG. */
bool png_write_rgb(const char *path, const uint32_t *pixels, unsigned w, unsigned h, GError **err);

#endif
