/* Key codes for the ADB keyboard (Apple Extended Keyboard, US layout), as
 * Inside Macintosh: Text (appendix C, "Keyboard and key-code charts") and
 * the Guide to the Macintosh Family Hardware give them: from characters
 * (for scripted typing) and from Linux input event codes (the GTK front end
 * reads hardware key codes, which are evdev codes + 8 on X11 and Wayland,
 * so keys map by physical position whatever the host's layout). */
#ifndef CLARUS_ADB_KEYMAP_H
#define CLARUS_ADB_KEYMAP_H

#include <stdbool.h>
#include <stdint.h>

enum {
    ADB_KEY_RETURN = 0x24,
    ADB_KEY_TAB = 0x30,
    ADB_KEY_SPACE = 0x31,
    ADB_KEY_DELETE = 0x33, /* backspace */
    ADB_KEY_ESCAPE = 0x35,
    ADB_KEY_CONTROL = 0x36,
    ADB_KEY_COMMAND = 0x37,
    ADB_KEY_SHIFT = 0x38,
    ADB_KEY_CAPS_LOCK = 0x39,
    ADB_KEY_OPTION = 0x3a,
    ADB_KEY_POWER = 0x7f,
    ADB_KEY_NONE = 0xff,
};

/* The key that types `c` on a US keyboard, and whether Shift is needed;
 * false for a character no key types. '\n' and '\r' are Return, '\t' Tab,
 * '\b' Delete, 0x1b Escape. */
bool adb_keymap_char(char c, uint8_t *code, bool *shift);

/* The ADB key at the physical position of Linux input event code `evdev`
 * (KEY_A = 30, ...), or ADB_KEY_NONE. swap_cmd_opt: the host's Alt keys
 * become Command and its Super ("Windows") keys Option, instead of the
 * default Alt = Option, Super = Command. */
uint8_t adb_keymap_evdev(unsigned evdev, bool swap_cmd_opt);

#endif
