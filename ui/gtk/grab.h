/* The display's pointer grab: a click in the emulated display captures the
 * pointer (hidden, and kept inside by warping it back to the centre) and
 * the keyboard, and the pointer's motion goes to the guest as relative
 * mouse motion with the buttons held, as QEMU's and virt-manager's
 * windows do for a mouse without absolute positioning (the ADB mouse is
 * one). The window releases it with a shortcut (display.c). */
#ifndef CLARUS_GTK_GRAB_H
#define CLARUS_GTK_GRAB_H

#include <stdbool.h>

#include <gtk/gtk.h>

typedef struct pointer_grab pointer_grab;

/* Motion by (dx, dy) pixels with `buttons` held (bit 0 the primary
 * button, bit 1 the secondary, bit 2 the middle one). */
typedef void (*grab_mouse_fn)(int dx, int dy, unsigned buttons, void *data);
/* The grab started or ended (released, or taken away by the system). */
typedef void (*grab_changed_fn)(bool grabbed, void *data);

/* Watches clicks in area (a widget with its own GdkWindow, such as a
 * GtkDrawingArea). Nothing is grabbed while enabled is false. */
pointer_grab *pointer_grab_new(GtkWidget *area, grab_mouse_fn mouse, grab_changed_fn changed,
                               void *data);
void pointer_grab_free(pointer_grab *g);
void pointer_grab_set_enabled(pointer_grab *g, bool enabled);
bool pointer_grab_active(const pointer_grab *g);
/* Lets the pointer go (buttons still held go up in the guest). */
void pointer_grab_release(pointer_grab *g);

#endif
