#include "adb_keymap.h"

#include <stddef.h>

/* Unshifted and shifted characters of the US layout, by ADB key code. */
static const struct {
    char plain, shifted;
    uint8_t code;
} chars[] = {
    {'a', 'A', 0x00},  {'s', 'S', 0x01}, {'d', 'D', 0x02},  {'f', 'F', 0x03}, {'h', 'H', 0x04},
    {'g', 'G', 0x05},  {'z', 'Z', 0x06}, {'x', 'X', 0x07},  {'c', 'C', 0x08}, {'v', 'V', 0x09},
    {'b', 'B', 0x0b},  {'q', 'Q', 0x0c}, {'w', 'W', 0x0d},  {'e', 'E', 0x0e}, {'r', 'R', 0x0f},
    {'y', 'Y', 0x10},  {'t', 'T', 0x11}, {'1', '!', 0x12},  {'2', '@', 0x13}, {'3', '#', 0x14},
    {'4', '$', 0x15},  {'6', '^', 0x16}, {'5', '%', 0x17},  {'=', '+', 0x18}, {'9', '(', 0x19},
    {'7', '&', 0x1a},  {'-', '_', 0x1b}, {'8', '*', 0x1c},  {'0', ')', 0x1d}, {']', '}', 0x1e},
    {'o', 'O', 0x1f},  {'u', 'U', 0x20}, {'[', '{', 0x21},  {'i', 'I', 0x22}, {'p', 'P', 0x23},
    {'l', 'L', 0x25},  {'j', 'J', 0x26}, {'\'', '"', 0x27}, {'k', 'K', 0x28}, {';', ':', 0x29},
    {'\\', '|', 0x2a}, {',', '<', 0x2b}, {'/', '?', 0x2c},  {'n', 'N', 0x2d}, {'m', 'M', 0x2e},
    {'.', '>', 0x2f},  {' ', 0, 0x31},   {'`', '~', 0x32},
};

bool adb_keymap_char(char c, uint8_t *code, bool *shift)
{
    *shift = false;
    switch (c) {
    case '\n':
    case '\r': *code = ADB_KEY_RETURN; return true;
    case '\t': *code = ADB_KEY_TAB; return true;
    case '\b': *code = ADB_KEY_DELETE; return true;
    case 0x1b: *code = ADB_KEY_ESCAPE; return true;
    default: break;
    }
    for (size_t i = 0; i < sizeof(chars) / sizeof(chars[0]); i++) {
        if (chars[i].plain == c) {
            *code = chars[i].code;
            return true;
        }
        if (chars[i].shifted && chars[i].shifted == c) {
            *code = chars[i].code;
            *shift = true;
            return true;
        }
    }
    return false;
}

/* Linux input event codes (include/uapi/linux/input-event-codes.h numbers
 * the keys of a PC keyboard by position) to ADB key codes. */
static const uint8_t evdev_to_adb[128] = {
    [1] = 0x35, /* Esc */
    [2] = 0x12,   [3] = 0x13,   [4] = 0x14,   [5] = 0x15,   [6] = 0x17,   [7] = 0x16,
    [8] = 0x1a,   [9] = 0x1c,   [10] = 0x19,  [11] = 0x1d, /* 1 .. 0 */
    [12] = 0x1b,  [13] = 0x18,  [14] = 0x33,  [15] = 0x30, /* - = Backspace Tab */
    [16] = 0x0c,  [17] = 0x0d,  [18] = 0x0e,  [19] = 0x0f,  [20] = 0x11,  [21] = 0x10,
    [22] = 0x20,  [23] = 0x22,  [24] = 0x1f,  [25] = 0x23, /* q .. p */
    [26] = 0x21,  [27] = 0x1e,  [28] = 0x24,  [29] = 0x36, /* [ ] Enter LeftCtrl */
    [30] = 0x00,  [31] = 0x01,  [32] = 0x02,  [33] = 0x03,  [34] = 0x05,  [35] = 0x04,
    [36] = 0x26,  [37] = 0x28,  [38] = 0x25,                             /* a .. l */
    [39] = 0x29,  [40] = 0x27,  [41] = 0x32,  [42] = 0x38,  [43] = 0x2a, /* ; ' ` LShift \ */
    [44] = 0x06,  [45] = 0x07,  [46] = 0x08,  [47] = 0x09,  [48] = 0x0b,  [49] = 0x2d,
    [50] = 0x2e,                                           /* z .. m */
    [51] = 0x2b,  [52] = 0x2f,  [53] = 0x2c,  [54] = 0x7b, /* , . / RShift */
    [55] = 0x43,  [56] = 0x3a,  [57] = 0x31,  [58] = 0x39, /* KP* LAlt Space Caps */
    [59] = 0x7a,  [60] = 0x78,  [61] = 0x63,  [62] = 0x76,  [63] = 0x60,  [64] = 0x61,
    [65] = 0x62,  [66] = 0x64,  [67] = 0x65,  [68] = 0x6d, /* F1 .. F10 */
    [69] = 0x47, /* NumLock: the Mac's Clear key sits there */
    [70] = 0x6b, /* ScrollLock: F14 */
    [71] = 0x59,  [72] = 0x5b,  [73] = 0x5c,  [74] = 0x4e,  [75] = 0x56,  [76] = 0x57,
    [77] = 0x58,  [78] = 0x45,  [79] = 0x53,  [80] = 0x54,  [81] = 0x55,  [82] = 0x52,
    [83] = 0x41,                             /* keypad 7 8 9 - 4 5 6 + 1 2 3 0 . */
    [87] = 0x67,  [88] = 0x6f,               /* F11 F12 */
    [96] = 0x4c,  [97] = 0x7d,  [98] = 0x4b, /* KPEnter RCtrl KP/ */
    [99] = 0x69,                             /* SysRq/Print: F13 */
    [100] = 0x7c,                            /* RAlt */
    [102] = 0x73, [103] = 0x3e, [104] = 0x74, [105] = 0x3b, [106] = 0x3c, [107] = 0x77,
    [108] = 0x3d, [109] = 0x79, [110] = 0x72, [111] = 0x75, /* Home Up PgUp Left Right End
                                                                Down PgDn Insert(Help) Delete */
    [116] = 0x7f,                                           /* Power */
    [117] = 0x51,                                           /* KP= */
    [119] = 0x71,                                           /* Pause: F15 */
    [125] = 0x37, [126] = 0x37,                             /* LMeta RMeta: Command */
};

uint8_t adb_keymap_evdev(unsigned evdev, bool swap_cmd_opt)
{
    if (evdev >= 128) return ADB_KEY_NONE;
    if (swap_cmd_opt) {
        if (evdev == 56 || evdev == 100) return ADB_KEY_COMMAND; /* Alt */
        if (evdev == 125) return ADB_KEY_OPTION;                 /* Super */
        if (evdev == 126) return 0x7c;
    }
    uint8_t a = evdev_to_adb[evdev];
    /* 0x00 is a real code ('A', evdev 30); every other zero is unmapped. */
    return a || evdev == 30 ? a : ADB_KEY_NONE;
}
