/* The display's frame-rate meter (CLARUS_FPS_REPORT=FILE, for the
 * responsiveness test and for users who wonder): counts the frames of the
 * window's frame clock ("after-paint") in which the display area painted a
 * picture the machine thread had newly published, so a frame clock that
 * ticks without new pictures (or pictures that never reach the screen)
 * does not count. From the first such frame on, every 5 seconds of host
 * time, one line is appended to FILE:
 *
 *   painted=N ticks=T seconds=S fps=F
 *
 * painted the frames that showed a new picture, ticks every frame of the
 * clock, fps painted / seconds. */
#ifndef CLARUS_GTK_FPS_H
#define CLARUS_GTK_FPS_H

#include <stdbool.h>

#include <gtk/gtk.h>

typedef struct fps_meter fps_meter;

/* NULL unless CLARUS_FPS_REPORT names a file. Measures w's frame clock
 * once it is realized. */
fps_meter *fps_meter_new(GtkWidget *w);
void fps_meter_free(fps_meter *m);
/* The widget painted a new picture in this frame. */
void fps_meter_painted(fps_meter *m);
/* Counting only while the machine runs (not paused, not stopped). */
void fps_meter_set_running(fps_meter *m, bool running);

#endif
