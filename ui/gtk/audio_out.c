#define G_LOG_DOMAIN "clarus"

#include "audio_out.h"

#include <stdio.h>

#include <glib.h>

#include "config.h"

#ifdef HAVE_SDL2_MIXER
#include <SDL.h>
#include <SDL_mixer.h>

struct audio_out {
    audio_ring *ring;
};

/* SDL's audio thread: the mixer's "music" is our stream (no other sound
 * is mixed in). len is bytes of 16-bit stereo. */
static void drain(void *data, Uint8 *stream, int len)
{
    audio_out *a = data;
    audio_ring_pop(a->ring, (int16_t *)(void *)stream, (size_t)len / (2 * AUDIO_RING_CHANNELS));
}

audio_out *audio_out_open(audio_ring *ring)
{
    /* The GTK window handles ^C and SIGTERM itself. */
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) < 0) {
        fprintf(stderr, "clarus: no sound: %s (the machine runs silently)\n", SDL_GetError());
        return NULL;
    }
    /* No changes allowed: SDL converts to what the device takes, so the
     * ring is always at AUDIO_OUT_RATE. 1024 frames: about 21 ms a
     * callback. */
    if (Mix_OpenAudioDevice(AUDIO_OUT_RATE, AUDIO_S16SYS, AUDIO_RING_CHANNELS, 1024, NULL, 0) < 0) {
        fprintf(stderr, "clarus: no sound: %s (the machine runs silently)\n", Mix_GetError());
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        return NULL;
    }
    audio_out *a = g_new0(audio_out, 1);
    a->ring = ring;
    Mix_HookMusic(drain, a);
    g_debug("audio: %d Hz, %d channels, 16-bit, through SDL's %s driver", AUDIO_OUT_RATE,
            AUDIO_RING_CHANNELS, SDL_GetCurrentAudioDriver());
    return a;
}

void audio_out_close(audio_out *a)
{
    if (!a) return;
    /* Mix_HookMusic takes SDL's audio lock: once it returns, drain has
     * finished and will not run again. */
    Mix_HookMusic(NULL, NULL);
    Mix_CloseAudio();
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    g_debug("audio: closed; %lu underruns (%lu frames of silence), %lu frames dropped",
            atomic_load(&a->ring->underruns), atomic_load(&a->ring->silence_frames),
            atomic_load(&a->ring->dropped_frames));
    g_free(a);
}

#else

audio_out *audio_out_open(audio_ring *ring)
{
    (void)ring;
    fprintf(stderr, "clarus: no sound: this clarus was built without SDL2_mixer (the machine "
                    "runs silently)\n");
    return NULL;
}

void audio_out_close(audio_out *a)
{
    (void)a;
}

#endif
