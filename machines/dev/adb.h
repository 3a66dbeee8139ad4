/* Apple Desktop Bus with a keyboard and a mouse.
 *
 * The bus is driven by its host (CUDA, Egret, PMU or the VIA1 ADB
 * transceiver) one command at a time, as in "Apple Desktop Bus" (Guide to
 * the Macintosh Family Hardware, 2nd ed., chapter 8) and the ADB Manager
 * chapter of Inside Macintosh: Devices. A command byte is
 *
 *   bits 7-4 address, bits 3-2 command, bits 1-0 register
 *   0000 SendReset, aaaa0001 Flush, aaaa10rr Listen, aaaa11rr Talk
 *
 * Devices: an Apple Extended Keyboard (original address 2, handler 2;
 * handlers 1-3 accepted) and a one-button mouse (address 3, handler 1;
 * handlers 1-2). Register 3 holds the address and handler; Listen
 * register 3 moves a device (handler 0x00 and 0xfe) or changes its
 * handler.
 *
 * Not thread safe: the front end's key and mouse events reach the bus
 * through the machine thread.
 */
#ifndef CLARUS_ADB_H
#define CLARUS_ADB_H

#include <stdbool.h>
#include <stdint.h>

#include "core/state.h"

#define ADB_MAX_REPLY 8 /* a register is 2 to 8 bytes */

typedef struct adb_bus adb_bus;

adb_bus *adb_bus_new(void);
void adb_bus_free(adb_bus *b);
/* The SendReset command: every device back to its original address and
 * handler, pending data dropped. */
void adb_bus_reset(adb_bus *b);

/* Input from the front end. adb_keycode is the ADB virtual key code
 * (0x00 'A' ... 0x7f Power); events queue in the keyboard until a Talk
 * register 0 takes them. Mouse motion accumulates; buttons bit 0 is the
 * button. */
void adb_key(adb_bus *b, uint8_t adb_keycode, bool down);
void adb_mouse(adb_bus *b, int dx, int dy, unsigned buttons);

/* One bus transaction. cmd[0] is the command byte, cmd[1..len-1] the data
 * of a Listen. Returns the number of bytes a Talk returned in reply (at
 * most ADB_MAX_REPLY), 0 for a Listen, Flush or SendReset that a device
 * took, or -1 for a time-out: no device at that address, or a Talk the
 * device had nothing to answer. */
int adb_request(adb_bus *b, const uint8_t *cmd, int len, uint8_t *reply);

/* Autopoll: when some device has data, runs a Talk register 0 on it and
 * returns true with the data in reply (*len bytes) and the device's
 * address in *addr. Devices take turns. adb_poll_mask polls only the
 * addresses whose bit is set in mask (bit n = address n). */
bool adb_poll(adb_bus *b, uint8_t *reply, int *len, uint8_t *addr);
bool adb_poll_mask(adb_bus *b, uint16_t mask, uint8_t *reply, int *len, uint8_t *addr);
/* Some device has data to send (it would raise Service Request). */
bool adb_has_data(const adb_bus *b);

/* State inside the owner's chunk. */
void adb_save(const adb_bus *b, st_writer *w);
bool adb_load(adb_bus *b, st_reader *r);

#endif
