/* The ADB key tables: characters for scripted typing, Linux input event
 * codes (by physical position) for the GTK front end. */
#include <glib.h>

#include "machines/adb_keymap.h"

static void test_chars(void)
{
    uint8_t code;
    bool shift;
    g_assert_true(adb_keymap_char('a', &code, &shift));
    g_assert_cmphex(code, ==, 0x00);
    g_assert_false(shift);
    g_assert_true(adb_keymap_char('A', &code, &shift));
    g_assert_cmphex(code, ==, 0x00);
    g_assert_true(shift);
    g_assert_true(adb_keymap_char('!', &code, &shift));
    g_assert_cmphex(code, ==, 0x12); /* Shift-1 */
    g_assert_true(shift);
    g_assert_true(adb_keymap_char('\n', &code, &shift));
    g_assert_cmphex(code, ==, ADB_KEY_RETURN);
    g_assert_true(adb_keymap_char(' ', &code, &shift));
    g_assert_cmphex(code, ==, ADB_KEY_SPACE);
    g_assert_false(shift);
    g_assert_false(adb_keymap_char('\x01', &code, &shift));
    g_assert_false(adb_keymap_char((char)0xe9, &code, &shift));
    /* Every printable ASCII character has a key, and no two unshifted
     * characters share one. */
    bool seen[128] = {false};
    for (int ch = 0x20; ch < 0x7f; ch++) {
        g_assert_true(adb_keymap_char((char)ch, &code, &shift));
        g_assert_cmpuint(code, <, 0x80);
        if (!shift) {
            g_assert_false(seen[code]);
            seen[code] = true;
        }
    }
}

static void test_evdev(void)
{
    /* Positions: Q W E on the top row, A on the home row, the modifiers. */
    g_assert_cmphex(adb_keymap_evdev(16, false), ==, 0x0c); /* KEY_Q */
    g_assert_cmphex(adb_keymap_evdev(17, false), ==, 0x0d); /* KEY_W */
    g_assert_cmphex(adb_keymap_evdev(30, false), ==, 0x00); /* KEY_A */
    g_assert_cmphex(adb_keymap_evdev(28, false), ==, ADB_KEY_RETURN);
    g_assert_cmphex(adb_keymap_evdev(42, false), ==, ADB_KEY_SHIFT);
    g_assert_cmphex(adb_keymap_evdev(29, false), ==, ADB_KEY_CONTROL);
    /* Alt is Option and Super is Command, or the other way round. */
    g_assert_cmphex(adb_keymap_evdev(56, false), ==, ADB_KEY_OPTION);
    g_assert_cmphex(adb_keymap_evdev(125, false), ==, ADB_KEY_COMMAND);
    g_assert_cmphex(adb_keymap_evdev(56, true), ==, ADB_KEY_COMMAND);
    g_assert_cmphex(adb_keymap_evdev(125, true), ==, ADB_KEY_OPTION);
    g_assert_cmphex(adb_keymap_evdev(103, false), ==, 0x3e); /* KEY_UP */
    g_assert_cmphex(adb_keymap_evdev(59, false), ==, 0x7a);  /* KEY_F1 */
    g_assert_cmphex(adb_keymap_evdev(0, false), ==, ADB_KEY_NONE);
    g_assert_cmphex(adb_keymap_evdev(200, false), ==, ADB_KEY_NONE);
    /* The letter keys agree with the character table. */
    const char *row = "qwertyuiop";
    for (unsigned i = 0; i < 10; i++) {
        uint8_t code;
        bool shift;
        g_assert_true(adb_keymap_char(row[i], &code, &shift));
        g_assert_cmphex(adb_keymap_evdev(16 + i, false), ==, code);
    }
    /* No two mapped keys give one ADB code, except Command on both Metas. */
    unsigned owner[256] = {0};
    for (unsigned k = 1; k < 128; k++) {
        uint8_t a = adb_keymap_evdev(k, false);
        if (a == ADB_KEY_NONE || a == ADB_KEY_COMMAND) continue;
        g_assert_cmpuint(owner[a], ==, 0);
        owner[a] = k;
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/adb-keymap/chars", test_chars);
    g_test_add_func("/adb-keymap/evdev", test_evdev);
    return g_test_run();
}
