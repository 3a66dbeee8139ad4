/* The host's sound output: SDL2_mixer plays what the machine thread puts
 * in an audio_ring, 48000 Hz stereo 16-bit, draining the ring from SDL's
 * audio thread. Without SDL2_mixer (configure did not find it), or without
 * a sound device, there is no output: a warning once, and the machine runs
 * silently. No GTK here. */
#ifndef CLARUS_GTK_AUDIO_OUT_H
#define CLARUS_GTK_AUDIO_OUT_H

#include "ui/common/audio_ring.h"

#define AUDIO_OUT_RATE 48000

typedef struct audio_out audio_out;

/* Starts playing ring (which must outlive the audio_out); NULL when there
 * is no output, after a warning on stderr. */
audio_out *audio_out_open(audio_ring *ring);
/* Stops playing; the ring is the caller's alone again. */
void audio_out_close(audio_out *a);

#endif
