/* Apple CUDA: the 68HC05 system controller of the Power Macs with mac-io
 * (Grand Central, Heathrow, KeyLargo), reached through a 6522 VIA cell.
 *
 * The CUDA owns the ADB bus, the real-time clock, 256 bytes of parameter
 * RAM and the power switch. The host talks to it in packets over the VIA
 * shift register with three port B lines (all active low):
 *   PB3 TREQ  (CUDA -> host) the CUDA has a packet for the host
 *   PB4 TACK  (host -> CUDA) byte acknowledge: toggled for each byte
 *   PB5 TIP   (host -> CUDA) transfer in progress
 * The protocol is the one Linux's drivers/macintosh/via-cuda.c and
 * OpenBIOS's drivers/cuda.c drive; cuda.c describes it.
 *
 * Packets: byte 0 is the type, ADB (0), PSEUDO (1, a CUDA command),
 * ERROR (2) or TIMER (3). Replies to the host are
 *   ADB:    00 flags cmd data...   (flags: 0x40 autopoll, 0x02 time-out)
 *   PSEUDO: 01 00 cmd data...
 *   ERROR:  02 code type cmd
 *
 * The VIA runs at 783.36 kHz (4.7 MHz / 6) with registers 0x200 apart:
 * the window is 0x2000 bytes.
 */
#ifndef CLARUS_CUDA_H
#define CLARUS_CUDA_H

#include <stdbool.h>
#include <stdint.h>

#include "core/device.h"
#include "machines/dev/adb.h"
#include "machines/dev/via6522.h"

#define CUDA_VIA_HZ      783360
#define CUDA_WINDOW_SIZE 0x2000
#define CUDA_PRAM_SIZE   256

/* Packet types. */
enum { CUDA_ADB_PACKET = 0, CUDA_PSEUDO_PACKET = 1, CUDA_ERROR_PACKET = 2, CUDA_TIMER_PACKET = 3 };

/* Pseudo commands (the values Linux's include/uapi/linux/cuda.h lists). */
enum {
    CUDA_WARM_START = 0x00,
    CUDA_AUTOPOLL = 0x01,
    CUDA_GET_6805_ADDR = 0x02,
    CUDA_GET_TIME = 0x03,
    CUDA_GET_PRAM = 0x07,
    CUDA_SET_6805_ADDR = 0x08,
    CUDA_SET_TIME = 0x09,
    CUDA_POWERDOWN = 0x0a,
    CUDA_POWERUP_TIME = 0x0b,
    CUDA_SET_PRAM = 0x0c,
    CUDA_MS_RESET = 0x0d,
    CUDA_SEND_DFAC = 0x0e,
    CUDA_BATTERY_SWAP_SENSE = 0x10,
    CUDA_RESET_SYSTEM = 0x11,
    CUDA_SET_IPL = 0x12,
    CUDA_FILE_SERVER_FLAG = 0x13,
    CUDA_SET_AUTO_RATE = 0x14,
    CUDA_GET_AUTO_RATE = 0x16,
    CUDA_SET_DEVICE_LIST = 0x19,
    CUDA_GET_DEVICE_LIST = 0x1a,
    CUDA_SET_ONE_SECOND_MODE = 0x1b,
    CUDA_SET_POWER_MESSAGES = 0x21,
    CUDA_GET_SET_IIC = 0x22,
    CUDA_WAKEUP = 0x23,
    CUDA_TIMER_TICKLE = 0x24,
    CUDA_COMBINED_FORMAT_IIC = 0x25
};

/* Error codes in an ERROR packet. */
enum { CUDA_ERR_BAD_TYPE = 1, CUDA_ERR_BAD_COMMAND = 2, CUDA_ERR_BAD_PARAMS = 5 };

typedef struct cuda cuda;

cuda *cuda_create(const device_env *env, const char *id);
const device_mmio *cuda_mmio(cuda *c); /* CUDA_WINDOW_SIZE bytes */
void cuda_connect_irq(cuda *c, irq_line out);
/* POWERDOWN calls fn(ctx, false), RESET_SYSTEM fn(ctx, true), after the
 * reply has been queued. */
void cuda_set_power_hook(cuda *c, void (*fn)(void *ctx, bool restart), void *ctx);
adb_bus *cuda_adb(cuda *c);
device *cuda_device(cuda *c);

/* The real-time clock reads fn(ctx) (seconds since 1970-01-01 UTC; by
 * default the host's clock) plus an offset that SET_TIME changes. */
void cuda_set_time_source(cuda *c, int64_t (*fn)(void *ctx), void *ctx);
/* The 256 bytes of parameter RAM, for the machine to load and save. */
uint8_t *cuda_pram(cuda *c);
/* The VIA cell (for tests and the debugger). */
via6522 *cuda_via(cuda *c);

#endif
