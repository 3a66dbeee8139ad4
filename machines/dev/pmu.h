/* Apple PMU (Power Management Unit): the "PMU99" microcontroller of the
 * New World Power Macs and PowerBooks, reached through the VIA cell of
 * the mac-io chip (KeyLargo, Heathrow on the PowerBooks).
 *
 * The PMU owns the real-time clock, 256 bytes of parameter RAM (XPRAM),
 * the power switch and, on the machines that have one, the ADB bus. The
 * host talks to it one command at a time over the VIA shift register
 * (shift mode 111 out / 011 in, clocked by the PMU on CB1) with two
 * port B lines, both active low:
 *   PB4 TREQ  (host -> PMU) "request": the host has placed a byte in SR
 *             (shift out) or wants the next one (shift in)
 *   PB3 TACK  (PMU -> host) "acknowledge": the byte has moved
 * A command is the command byte, then (when the length table says -1) a
 * length byte, then the argument bytes; the reply is (when the table
 * says -1) a length byte, then the reply bytes. The table is the one
 * Linux's drivers/macintosh/via-pmu.c and OpenBIOS's drivers/pmu.c carry
 * (pmu_data_len); pmu.c describes the handshake.
 *
 * The PMU signals pending events (ADB data, the one-second tick) by a
 * pulse on CB1, which sets the VIA's CB1 flag (Linux enables CB1 in IER);
 * the host then asks PMU_INT_ACK what happened. KeyLargo machines also
 * wire the same condition to GPIO1 ("extint-gpio1"): pmu_connect_int_line.
 *
 * The VIA runs at 783.36 kHz (4.7 MHz / 6) with registers 0x200 apart:
 * the window is 0x2000 bytes.
 */
#ifndef CLARUS_PMU_H
#define CLARUS_PMU_H

#include <stdbool.h>
#include <stdint.h>

#include "core/device.h"
#include "machines/dev/adb.h"
#include "machines/dev/via6522.h"

#define PMU_VIA_HZ      783360
#define PMU_WINDOW_SIZE 0x2000
#define PMU_XPRAM_SIZE  256

/* Command numbers (Linux include/linux/pmu.h). */
enum {
    PMU_POWER_CTRL0 = 0x10,
    PMU_POWER_CTRL = 0x11,
    PMU_ADB_CMD = 0x20,
    PMU_ADB_POLL_OFF = 0x21,
    PMU_SET_RTC = 0x30,
    PMU_WRITE_XPRAM = 0x32,
    PMU_WRITE_NVRAM = 0x33,
    PMU_READ_RTC = 0x38,
    PMU_READ_XPRAM = 0x3a,
    PMU_READ_NVRAM = 0x3b,
    PMU_SET_VOLBUTTON = 0x40,
    PMU_BACKLIGHT_BRIGHT = 0x41,
    PMU_GET_VOLBUTTON = 0x48,
    PMU_PCEJECT = 0x4c,
    PMU_BATTERY_STATE = 0x6b,
    PMU_SMART_BATTERY_STATE = 0x6f,
    PMU_SET_INTR_MASK = 0x70,
    PMU_INT_ACK = 0x78,
    PMU_CPU_SPEED = 0x7d,
    PMU_SHUTDOWN = 0x7e, /* "power off", with the signature 'M' 'A' 'T' 'T' */
    PMU_SLEEP = 0x7f,
    PMU_POWER_EVENTS = 0x8f,
    PMU_I2C_CMD = 0x9a,
    PMU_RESET = 0xd0,
    PMU_GET_BRIGHTBUTTON = 0xd9,
    PMU_GET_COVER = 0xdc,
    PMU_SYSTEM_READY = 0xdf,
    PMU_DOWNLOAD_STATUS = 0xe2,
    PMU_READ_PMU_RAM = 0xe8,
    PMU_GET_VERSION = 0xea
};

/* Interrupt bits (PMU_SET_INTR_MASK, PMU_INT_ACK's first reply byte). */
enum {
    PMU_INT_PCEJECT = 0x04,
    PMU_INT_SNDBRT = 0x08,
    PMU_INT_ADB = 0x10,
    PMU_INT_BATTERY = 0x20,
    PMU_INT_ENVIRONMENT = 0x40,
    PMU_INT_TICK = 0x80,
    /* With PMU_INT_ADB: the data came from autopoll, not a host command. */
    PMU_INT_ADB_AUTO = 0x04
};

/* PMU_GET_VERSION's answer: the value QEMU's PMU reports, which the
 * guests run on QEMU (OpenBIOS, Linux, Mac OS) have been tested with. */
#define PMU_FIRMWARE_VERSION 0x01

/* How the reply to a host PMU_ADB_CMD is laid out after PMU_INT_ACK's
 * interrupt byte (autopoll data is always "command byte, data"):
 *   PMU_ADB_REPLY_QEMU   01 n data... (00 when no device answered), the
 *                        layout of QEMU's PMU; OpenBIOS's pmu_adb_req
 *                        skips three bytes and only works with it
 *   PMU_ADB_REPLY_APPLE  command-byte data..., what Linux (pmu_handle_data,
 *                        then adb.c reading reply[2]) and FreeBSD expect
 *                        of a real PMU */
typedef enum { PMU_ADB_REPLY_QEMU, PMU_ADB_REPLY_APPLE } pmu_adb_reply_layout;

typedef struct pmu pmu;

/* with_adb: the PMU has an ADB bus (keyboard and mouse), as QEMU's
 * via=pmu-adb; without it ADB commands are accepted and answer nothing. */
pmu *pmu_create(const device_env *env, const char *id, bool with_adb);
const device_mmio *pmu_mmio(pmu *p);        /* PMU_WINDOW_SIZE bytes, VIA registers at n << 9 */
void pmu_connect_irq(pmu *p, irq_line out); /* the VIA's IRQ output */
/* Optional: the "PMU has an interrupt pending" wire (KeyLargo GPIO1),
 * driven true while (pending bits & interrupt mask) != 0. The pin itself
 * is active low: a GPIO model that holds pin levels inverts it. */
void pmu_connect_int_line(pmu *p, irq_line out);
/* PMU_SHUTDOWN with the signature calls fn(ctx, false), PMU_RESET
 * fn(ctx, true), once the command has been received. */
void pmu_set_power_hook(pmu *p, void (*fn)(void *ctx, bool restart), void *ctx);
adb_bus *pmu_adb(pmu *p); /* NULL without ADB */
/* The real-time clock reads fn(ctx) (seconds since 1970-01-01 UTC; NULL:
 * the host's clock) plus an offset that PMU_SET_RTC changes. */
void pmu_set_time_source(pmu *p, int64_t (*fn)(void *ctx), void *ctx);
/* The 256 bytes of parameter RAM, for the machine to load and save. */
uint8_t *pmu_xpram(pmu *p);
device *pmu_device(pmu *p);
/* The VIA cell (for tests and the debugger). */
via6522 *pmu_via(pmu *p);
/* Default PMU_ADB_REPLY_QEMU (what OpenBIOS needs). */
void pmu_set_adb_reply_layout(pmu *p, pmu_adb_reply_layout layout);

#endif
