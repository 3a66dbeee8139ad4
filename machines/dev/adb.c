/* Apple Desktop Bus devices (Guide to the Macintosh Family Hardware, 2nd
 * ed., "Apple Desktop Bus"; Inside Macintosh: Devices, "ADB Manager").
 * See adb.h. */
#include "adb.h"

#include <glib.h>
#include <string.h>

enum { ADB_KBD, ADB_MOUSE, ADB_NDEV };

#define KEYQ_SIZE 32

/* Register 3, high byte: bit 6 "exceptional event" (unused, reads 1),
 * bit 5 Service Request enable, bits 3-0 the address. */
#define R3_EXCEPTION 0x40
#define R3_SRQ_EN    0x20

typedef struct adb_dev {
    uint8_t addr, orig_addr;
    uint8_t handler, orig_handler;
    bool srq_enable;
} adb_dev;

struct adb_bus {
    adb_dev dev[ADB_NDEV];
    /* Keyboard: key transitions (bit 7 set = released), oldest first. */
    uint8_t keyq[KEYQ_SIZE];
    unsigned keyq_head, keyq_len;
    /* Register 2 of the extended keyboard: modifier keys (active low) and
     * the LEDs (active low, written by Listen register 2). */
    uint16_t kbd_reg2;
    /* Mouse: motion not yet reported, button state now and as last sent. */
    int mouse_dx, mouse_dy;
    bool button, button_sent;
    unsigned poll_next;
};

/* ---- keyboard ---- */

/* Register 2 bits for the modifier keys (Guide to the Macintosh Family
 * Hardware, extended keyboard register 2). */
static uint16_t reg2_bit(uint8_t code)
{
    switch (code) {
    case 0x33: return 1u << 14; /* Delete */
    case 0x39: return 1u << 13; /* Caps Lock */
    case 0x7f: return 1u << 12; /* Reset (Power) */
    case 0x36:
    case 0x7d: return 1u << 11; /* Control */
    case 0x38:
    case 0x7b: return 1u << 10; /* Shift */
    case 0x3a:
    case 0x7c: return 1u << 9; /* Option */
    case 0x37: return 1u << 8; /* Command */
    case 0x47: return 1u << 7; /* Num Lock / Clear */
    case 0x6b: return 1u << 6; /* Scroll Lock (F14) */
    default: return 0;
    }
}

#define KBD_REG2_IDLE 0xffff /* nothing down, LEDs off */

static void kbd_reset(adb_bus *b)
{
    b->keyq_head = b->keyq_len = 0;
    b->kbd_reg2 = KBD_REG2_IDLE;
}

void adb_key(adb_bus *b, uint8_t code, bool down)
{
    code &= 0x7f;
    uint16_t bit = reg2_bit(code);
    if (bit) {
        if (down)
            b->kbd_reg2 &= (uint16_t)~bit;
        else
            b->kbd_reg2 |= bit;
    }
    if (b->keyq_len == KEYQ_SIZE) return; /* the keyboard's buffer overflows: lost */
    b->keyq[(b->keyq_head + b->keyq_len++) % KEYQ_SIZE] = (uint8_t)(code | (down ? 0 : 0x80));
}

static uint8_t keyq_pop(adb_bus *b)
{
    uint8_t k = b->keyq[b->keyq_head];
    b->keyq_head = (b->keyq_head + 1) % KEYQ_SIZE;
    b->keyq_len--;
    return k;
}

/* Handlers 1 and 2 report the right-hand modifiers as the left ones;
 * handler 3 tells them apart. */
static uint8_t kbd_map(const adb_bus *b, uint8_t k)
{
    if (b->dev[ADB_KBD].handler == 3) return k;
    switch (k & 0x7f) {
    case 0x7b: return (uint8_t)((k & 0x80) | 0x38);
    case 0x7c: return (uint8_t)((k & 0x80) | 0x3a);
    case 0x7d: return (uint8_t)((k & 0x80) | 0x36);
    default: return k;
    }
}

/* Talk register 0: up to two key transitions, 0xff filling an empty slot.
 * The Power key travels alone, as 0x7f7f (down) or 0xffff (up). */
static int kbd_talk0(adb_bus *b, uint8_t *reply)
{
    if (b->keyq_len == 0) return -1;
    uint8_t k = keyq_pop(b);
    if ((k & 0x7f) == 0x7f) {
        reply[0] = reply[1] = k;
        return 2;
    }
    reply[0] = kbd_map(b, k);
    reply[1] = 0xff;
    if (b->keyq_len && (b->keyq[b->keyq_head] & 0x7f) != 0x7f) reply[1] = kbd_map(b, keyq_pop(b));
    return 2;
}

/* ---- mouse ---- */

static void mouse_reset(adb_bus *b)
{
    b->mouse_dx = b->mouse_dy = 0;
    b->button_sent = b->button;
}

void adb_mouse(adb_bus *b, int dx, int dy, unsigned buttons)
{
    /* Keep the accumulator bounded if nobody polls. */
    b->mouse_dx = CLAMP(b->mouse_dx + dx, -4096, 4096);
    b->mouse_dy = CLAMP(b->mouse_dy + dy, -4096, 4096);
    b->button = buttons & 1;
}

static bool mouse_pending(const adb_bus *b)
{
    return b->mouse_dx || b->mouse_dy || b->button != b->button_sent;
}

/* Talk register 0 (handlers 1 and 2): bit 15 button (0 = down), bits
 * 14-8 Y motion, bit 7 reserved (1), bits 6-0 X motion; the motion is
 * 7-bit two's complement, larger moves are sent over several polls. */
static int mouse_talk0(adb_bus *b, uint8_t *reply)
{
    if (!mouse_pending(b)) return -1;
    int dx = CLAMP(b->mouse_dx, -64, 63);
    int dy = CLAMP(b->mouse_dy, -64, 63);
    b->mouse_dx -= dx;
    b->mouse_dy -= dy;
    b->button_sent = b->button;
    reply[0] = (uint8_t)((b->button ? 0 : 0x80) | (dy & 0x7f));
    reply[1] = (uint8_t)(0x80 | (dx & 0x7f));
    return 2;
}

/* ---- the bus ---- */

static bool dev_has_data(const adb_bus *b, int i)
{
    return i == ADB_KBD ? b->keyq_len > 0 : mouse_pending(b);
}

static void dev_flush(adb_bus *b, int i)
{
    if (i == ADB_KBD)
        b->keyq_head = b->keyq_len = 0;
    else
        mouse_reset(b);
}

static bool handler_ok(int i, uint8_t h)
{
    return i == ADB_KBD ? (h >= 1 && h <= 3) : (h == 1 || h == 2);
}

adb_bus *adb_bus_new(void)
{
    adb_bus *b = g_new0(adb_bus, 1);
    b->dev[ADB_KBD].orig_addr = 2;
    b->dev[ADB_KBD].orig_handler = 2;
    b->dev[ADB_MOUSE].orig_addr = 3;
    b->dev[ADB_MOUSE].orig_handler = 1;
    adb_bus_reset(b);
    return b;
}

void adb_bus_free(adb_bus *b)
{
    g_free(b);
}

void adb_bus_reset(adb_bus *b)
{
    for (int i = 0; i < ADB_NDEV; i++) {
        b->dev[i].addr = b->dev[i].orig_addr;
        b->dev[i].handler = b->dev[i].orig_handler;
        b->dev[i].srq_enable = true;
    }
    kbd_reset(b);
    mouse_reset(b);
    b->poll_next = 0;
}

/* The device answering at addr. Two devices at one address would collide
 * on the bus; the first one wins the arbitration, as the Talk register 3
 * random-address scheme lets one device win on real hardware. */
static int find_dev(const adb_bus *b, unsigned addr)
{
    for (int i = 0; i < ADB_NDEV; i++)
        if (b->dev[i].addr == addr) return i;
    return -1;
}

static int talk(adb_bus *b, int i, unsigned reg, uint8_t *reply)
{
    adb_dev *d = &b->dev[i];
    switch (reg) {
    case 0: return i == ADB_KBD ? kbd_talk0(b, reply) : mouse_talk0(b, reply);
    case 2:
        if (i != ADB_KBD) return -1;
        reply[0] = (uint8_t)(b->kbd_reg2 >> 8);
        reply[1] = (uint8_t)b->kbd_reg2;
        return 2;
    case 3:
        reply[0] = (uint8_t)(R3_EXCEPTION | (d->srq_enable ? R3_SRQ_EN : 0) | d->addr);
        reply[1] = d->handler;
        return 2;
    default: return -1;
    }
}

static void listen(adb_bus *b, int i, unsigned reg, const uint8_t *data, int n)
{
    adb_dev *d = &b->dev[i];
    if (n < 2) return; /* a register is at least two bytes */
    if (reg == 2 && i == ADB_KBD) {
        /* Only the LED bits (2-0) are writable. */
        b->kbd_reg2 = (uint16_t)((b->kbd_reg2 & ~7u) | (data[1] & 7));
        return;
    }
    if (reg != 3) return;
    uint8_t h = data[1];
    switch (h) {
    case 0x00: /* new address and Service Request enable */
        d->addr = data[0] & 0x0f;
        d->srq_enable = data[0] & R3_SRQ_EN;
        break;
    case 0xfd: /* move only if the activator key is held: never here */ break;
    case 0xfe: /* move unless a collision was seen */ d->addr = data[0] & 0x0f; break;
    case 0xff: /* self-test: passes, nothing changes */ break;
    default:
        /* Another handler: taken if the device has it, else ignored. */
        if (handler_ok(i, h)) d->handler = h;
        break;
    }
}

int adb_request(adb_bus *b, const uint8_t *cmd, int len, uint8_t *reply)
{
    if (len < 1) return -1;
    unsigned addr = cmd[0] >> 4, code = (cmd[0] >> 2) & 3, reg = cmd[0] & 3;
    if (code == 0) {
        if (reg == 0) { /* SendReset: every device, whatever the address bits */
            adb_bus_reset(b);
            return 0;
        }
        if (reg != 1) return -1; /* reserved */
    }
    int i = find_dev(b, addr);
    if (i < 0) return -1;
    switch (code) {
    case 0: dev_flush(b, i); return 0;
    case 2: listen(b, i, reg, cmd + 1, len - 1); return 0;
    case 3: return talk(b, i, reg, reply);
    default: return -1; /* command 01 is reserved */
    }
}

bool adb_has_data(const adb_bus *b)
{
    for (int i = 0; i < ADB_NDEV; i++)
        if (dev_has_data(b, i)) return true;
    return false;
}

bool adb_poll_mask(adb_bus *b, uint16_t mask, uint8_t *reply, int *len, uint8_t *addr)
{
    for (int k = 0; k < ADB_NDEV; k++) {
        int i = (int)((b->poll_next + k) % ADB_NDEV);
        adb_dev *d = &b->dev[i];
        if (!(mask & (1u << d->addr)) || !dev_has_data(b, i)) continue;
        /* The device that answered must be the one the address selects. */
        if (find_dev(b, d->addr) != i) continue;
        int n = talk(b, i, 0, reply);
        if (n < 0) continue;
        *len = n;
        *addr = d->addr;
        b->poll_next = (unsigned)(i + 1) % ADB_NDEV;
        return true;
    }
    return false;
}

bool adb_poll(adb_bus *b, uint8_t *reply, int *len, uint8_t *addr)
{
    return adb_poll_mask(b, 0xffff, reply, len, addr);
}

void adb_save(const adb_bus *b, st_writer *w)
{
    for (int i = 0; i < ADB_NDEV; i++) {
        st_put_u8(w, b->dev[i].addr);
        st_put_u8(w, b->dev[i].handler);
        st_put_bool(w, b->dev[i].srq_enable);
    }
    st_put_u8(w, (uint8_t)b->keyq_len);
    for (unsigned k = 0; k < b->keyq_len; k++)
        st_put_u8(w, b->keyq[(b->keyq_head + k) % KEYQ_SIZE]);
    st_put_u16(w, b->kbd_reg2);
    st_put_u32(w, (uint32_t)b->mouse_dx);
    st_put_u32(w, (uint32_t)b->mouse_dy);
    st_put_bool(w, b->button);
    st_put_bool(w, b->button_sent);
    st_put_u8(w, (uint8_t)b->poll_next);
}

bool adb_load(adb_bus *b, st_reader *r)
{
    for (int i = 0; i < ADB_NDEV; i++) {
        b->dev[i].addr = st_get_u8(r) & 0x0f;
        uint8_t h = st_get_u8(r);
        b->dev[i].handler = handler_ok(i, h) ? h : b->dev[i].orig_handler;
        b->dev[i].srq_enable = st_get_bool(r);
    }
    unsigned n = st_get_u8(r);
    if (n > KEYQ_SIZE) return false;
    b->keyq_head = 0;
    b->keyq_len = n;
    for (unsigned k = 0; k < n; k++) b->keyq[k] = st_get_u8(r);
    b->kbd_reg2 = st_get_u16(r);
    int32_t dx = (int32_t)st_get_u32(r), dy = (int32_t)st_get_u32(r);
    b->mouse_dx = CLAMP(dx, -4096, 4096);
    b->mouse_dy = CLAMP(dy, -4096, 4096);
    b->button = st_get_bool(r);
    b->button_sent = st_get_bool(r);
    b->poll_next = st_get_u8(r) % ADB_NDEV;
    return st_chunk_ok(r);
}
