/* Zilog Z85C30 SCC / Z85230 ESCC serial controller as the Power Mac mac-io
 * chips (Heathrow, Paddington, KeyLargo) present it.
 *
 * Model of the "Z80C30/Z85C30/Z80230/Z85230 SCC/ESCC User Manual" (Zilog
 * UM010901): two asynchronous channels, write registers WR0-WR15 reached
 * through the WR0 register pointer (with the Point High command), read
 * registers RR0-RR15 (with the SCC's images for the unimplemented ones),
 * the shared WR2/WR9, the modified vector in channel B's RR2, the RR3
 * interrupt-pending bits, the interrupt-under-service daisy chain and the
 * WR9 reset commands.
 *
 * Each channel talks to a host chardev: what the guest transmits is written
 * at once (a character takes no time on the line, so the transmit buffer
 * is always empty again by the time the guest looks); what the host types
 * is polled from a scheduler event (every millisecond of guest time while
 * the receiver is enabled, faster while input keeps arriving) into the
 * 3-byte receive FIFO. Input is only taken from the host when the FIFO has
 * room, so nothing typed is lost to an overrun.
 *
 * Register windows:
 *   escc_mmio()         mac-io +0x13000: ch-B control +0x00, ch-B data +0x10,
 *                       ch-A control +0x20, ch-A data +0x30, ch-B / ch-A
 *                       enhancement +0x40 / +0x50 (each decodes 16 bytes)
 *   escc_legacy_mmio()  mac-io +0x12000: ch-B control +0, ch-A control +2,
 *                       ch-B data +4, ch-A data +6, enhancement B/A +8/+0xa
 *                       (each decodes 2 bytes)
 * Both windows are 0x1000 bytes; offsets 0x80, 0x90, 0xa0, 0xb0 (the DMA
 * recovery-count, start and detect registers of Apple's cell) hold what is
 * written; everything else reads 0. The registers are bytes: a 2- or 4-byte
 * access acts on the addressed register once, its byte in the most
 * significant lane (the one a big-endian CPU puts at the lowest address).
 *
 * Interrupts: one output per channel (mac-io routes ch-A and ch-B to
 * separate controller inputs), each high while Master Interrupt Enable
 * (WR9 bit 3) is set and that channel has an enabled interrupt pending
 * that no interrupt under service of higher or equal priority blocks; a
 * third, combined output is the OR of the two.
 */
#ifndef CLARUS_ESCC_H
#define CLARUS_ESCC_H

#include <stdbool.h>
#include <stdint.h>

#include "core/chardev.h"
#include "core/device.h"

typedef struct escc escc;

#define ESCC_CH_A     0
#define ESCC_CH_B     1
#define ESCC_COMBINED 2 /* escc_connect_irq: the OR of both channels */
#define ESCC_WIN_SIZE 0x1000u
#define ESCC_CLOCK_HZ 3686400u /* the BRG input the Power Mac drivers assume */
#define ESCC_RX_FIFO  3        /* receive FIFO depth of the Z85C30 */

/* Power-on state (as after a hardware reset); id names the instance. */
escc *escc_create(const device_env *env, const char *id);
/* Host side of a channel (0 = A, 1 = B); NULL disconnects it. The chardev
 * is not owned: the caller closes it after destroying the escc. */
void escc_attach(escc *e, int channel, chardev *host);
const device_mmio *escc_mmio(escc *e);        /* the +0x13000 layout */
const device_mmio *escc_legacy_mmio(escc *e); /* the +0x12000 layout */
/* channel: ESCC_CH_A, ESCC_CH_B or ESCC_COMBINED. */
void escc_connect_irq(escc *e, int channel, irq_line out);
device *escc_device(escc *e);

/* Modem inputs of a channel as RR0 shows them: RR0 bit 5 (CTS, the Mac's
 * HSKi; Power Mac drivers read it inverted) and bit 3 (DCD, the Mac's GPi).
 * A change raises an external/status interrupt when WR15 enables it. At
 * power-on both read 0. */
void escc_set_modem_inputs(escc *e, int channel, bool cts, bool dcd);

#endif
