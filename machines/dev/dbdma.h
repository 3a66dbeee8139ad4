/* Apple descriptor-based DMA (DBDMA), as found in the mac-io chips
 * (Grand Central, Heathrow, Paddington, KeyLargo) at mac-io +0x8000.
 *
 * Followed: Apple, "Macintosh Technology in the Common Hardware Reference
 * Platform", chapter "DBDMA" (channel registers, command descriptors,
 * key/interrupt/branch/wait fields), and the register and descriptor
 * layout in Linux arch/powerpc/include/asm/dbdma.h.
 *
 * 32 channels of 0x100 bytes each (a 0x2000 window). Every register is a
 * LITTLE-endian 32-bit word; the guest uses lwbrx/stwbrx (in_le32). The
 * engine walks 16-byte descriptors in guest memory through the machine
 * bus, one scheduler event per step (never by recursion), and moves data
 * by calling the channel's client (the device behind the channel, e.g.
 * the mac-io ATA channel), which copies to or from guest memory itself.
 *
 * Interrupts: each channel has its own output line. The DBDMA interrupt
 * is edge-triggered (OpenBIOS declares DBDMA interrupts with sense 0), so
 * the engine pulses the line (raise then lower) when a descriptor's
 * interrupt condition holds or the channel dies.
 */
#ifndef CLARUS_DBDMA_H
#define CLARUS_DBDMA_H

#include <stdbool.h>
#include <stdint.h>

#include "core/device.h"

#define DBDMA_CHANNELS     32
#define DBDMA_CHANNEL_SIZE 0x100
#define DBDMA_WINDOW_SIZE  (DBDMA_CHANNELS * DBDMA_CHANNEL_SIZE) /* 0x2000 */

/* Channel register offsets (each a little-endian 32-bit word). */
enum {
    DBDMA_CONTROL = 0x00, /* write: mask << 16 | value */
    DBDMA_STATUS = 0x04,
    DBDMA_CMDPTR_HI = 0x08,
    DBDMA_CMDPTR_LO = 0x0c,
    DBDMA_INTR_SEL = 0x10,
    DBDMA_BRANCH_SEL = 0x14,
    DBDMA_WAIT_SEL = 0x18,
    DBDMA_XFER_MODE = 0x1c,
    DBDMA_DATA2PTR_HI = 0x20,
    DBDMA_DATA2PTR_LO = 0x24,
    DBDMA_ADDRESS_HI = 0x2c,
    DBDMA_BRANCH_ADDR_HI = 0x30,
};

/* ChannelStatus / ChannelControl bits. */
#define DBDMA_RUN    0x8000
#define DBDMA_PAUSE  0x4000
#define DBDMA_FLUSH  0x2000
#define DBDMA_WAKE   0x1000
#define DBDMA_DEAD   0x0800
#define DBDMA_ACTIVE 0x0400
#define DBDMA_BT     0x0100
#define DBDMA_S_MASK 0x00ff /* s0-s7, software/device status bits */

/* Descriptor command word: cmd (15-12), key (10-8), i (5-4), b (3-2), w (1-0). */
#define DBDMA_OUTPUT_MORE 0x0
#define DBDMA_OUTPUT_LAST 0x1
#define DBDMA_INPUT_MORE  0x2
#define DBDMA_INPUT_LAST  0x3
#define DBDMA_STORE_QUAD  0x4
#define DBDMA_LOAD_QUAD   0x5
#define DBDMA_NOP         0x6
#define DBDMA_STOP        0x7
#define DBDMA_KEY_STREAM0 0x0
#define DBDMA_KEY_REGS    0x5
#define DBDMA_KEY_SYSTEM  0x6
#define DBDMA_KEY_DEVICE  0x7
#define DBDMA_COND_NEVER  0x0
#define DBDMA_COND_IFSET  0x1
#define DBDMA_COND_IFCLR  0x2
#define DBDMA_COND_ALWAYS 0x3
/* Builds a descriptor's command field. */
#define DBDMA_CMD(cmd, key, i, b, w)                                                               \
    ((uint16_t)((cmd) << 12 | (key) << 8 | (i) << 4 | (b) << 2 | (w)))

/* Time the engine charges per byte moved (about 100 MB/s) and per
 * descriptor fetched without data. */
#define DBDMA_PS_PER_BYTE 10000
#define DBDMA_PS_PER_DESC 100000

typedef struct dbdma dbdma;

/* The device behind a channel. transfer() moves up to len bytes between
 * the device and guest memory at addr (input: device -> memory) and
 * returns the bytes moved now; 0 means "not ready": the channel parks on
 * the descriptor until dbdma_kick() is called. A short count is progress;
 * the engine asks for the rest after the time the bytes took. `last` is
 * set for INPUT_LAST/OUTPUT_LAST. Clients write guest memory with
 * dbdma_mem_write() (or mm_notify_write + their own copy). */
typedef struct dbdma_client {
    void *ctx;
    /* returns bytes transferred now, 0 = not ready (retry when dbdma_kick is called) */
    uint32_t (*transfer)(void *ctx, bool input, uint32_t addr, uint32_t len, bool last);
} dbdma_client;

dbdma *dbdma_create(const device_env *env, const char *id);
const device_mmio *dbdma_mmio(dbdma *d); /* 0x2000 */
void dbdma_connect_irq(dbdma *d, unsigned channel, irq_line out);
/* c is copied; NULL detaches. */
void dbdma_set_client(dbdma *d, unsigned channel, const dbdma_client *c);
/* The client has data (or room) now: resume a channel parked on it. */
void dbdma_kick(dbdma *d, unsigned channel);
device *dbdma_device(dbdma *d);

/* Guest-memory copies for clients: RAM is copied directly (code watches
 * are notified before a write); anything else goes byte by byte through
 * the bus. False if part of the range is undecoded (those bytes read as
 * open bus); the bus's bus_error flag is left as it was. */
bool dbdma_mem_read(mm_space *bus, uint32_t addr, uint8_t *buf, uint32_t len);
bool dbdma_mem_write(mm_space *bus, uint32_t addr, const uint8_t *buf, uint32_t len);

#endif
