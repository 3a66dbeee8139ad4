/* Shared by the instruction files: handler templates and the
 * read-modify-write operand helpers.
 *
 * An instruction body is an always-inline function taking the EA mode and
 * the operand size as constants; EA_HANDLERS() stamps out one handler per
 * EA mode so each handler is specialised by the compiler (no mode switch
 * at run time), and the decode table picks the right one per opcode. */
#ifndef CLARUS_M68K_OPS_H
#define CLARUS_M68K_OPS_H

#include "m68k_internal.h"

#define INLINE M68K_INLINE

/* Threaded dispatch: each handler ends by running the next instruction
 * itself, so every handler has its own indirect jump for the branch
 * predictor. `chain` bounds how many run before control returns to the
 * loop in m68k_run, which keeps the stack bounded even where the compiler
 * does not turn these calls into jumps (unoptimised or sanitizer builds). */
#define NEXT(c)                                                                                    \
    do {                                                                                           \
        if (likely(--(c)->chain != 0) && likely((c)->cycles < (c)->limit)) {                       \
            uint32_t next_op_ = (c)->ir;                                                           \
            (c)->table[next_op_]((c), next_op_);                                                   \
        }                                                                                          \
    } while (0)

/* A handler for a standalone body name##_impl. */
#define HANDLER(name)                                                                              \
    static void name(m68k_cpu *c, uint32_t op)                                                     \
    {                                                                                              \
        name##_impl(c, op);                                                                        \
        NEXT(c);                                                                                   \
    }

/* One handler: body(c, op, extra...) followed by the dispatch. */
#define BODY_HANDLER(name, body, ...)                                                              \
    static void name(m68k_cpu *c, uint32_t op)                                                     \
    {                                                                                              \
        body(c, op, __VA_ARGS__);                                                                  \
        NEXT(c);                                                                                   \
    }

/* name##_tab[EA_COUNT]: handlers calling body(c, op, mode, extra...). */
#define EA_HANDLERS(name, body, ...)                                                               \
    BODY_HANDLER(name##_dn, body, EA_DN, __VA_ARGS__)                                              \
    BODY_HANDLER(name##_an, body, EA_AN, __VA_ARGS__)                                              \
    BODY_HANDLER(name##_ai, body, EA_AI, __VA_ARGS__)                                              \
    BODY_HANDLER(name##_pi, body, EA_PI, __VA_ARGS__)                                              \
    BODY_HANDLER(name##_pd, body, EA_PD, __VA_ARGS__)                                              \
    BODY_HANDLER(name##_di, body, EA_DI, __VA_ARGS__)                                              \
    BODY_HANDLER(name##_ix, body, EA_IX, __VA_ARGS__)                                              \
    BODY_HANDLER(name##_aw, body, EA_AW, __VA_ARGS__)                                              \
    BODY_HANDLER(name##_al, body, EA_AL, __VA_ARGS__)                                              \
    BODY_HANDLER(name##_pcdi, body, EA_PCDI, __VA_ARGS__)                                          \
    BODY_HANDLER(name##_pcix, body, EA_PCIX, __VA_ARGS__)                                          \
    BODY_HANDLER(name##_imm, body, EA_IMM, __VA_ARGS__)                                            \
    static const m68k_handler name##_tab[EA_COUNT] = {                                             \
        name##_dn, name##_an, name##_ai, name##_pi,   name##_pd,   name##_di,                      \
        name##_ix, name##_aw, name##_al, name##_pcdi, name##_pcix, name##_imm,                     \
    }

/* The same for the three operand sizes: name##_b_tab, name##_w_tab, name##_l_tab. */
#define EA_HANDLERS_BWL(name, body)                                                                \
    EA_HANDLERS(name##_b, body, 1);                                                                \
    EA_HANDLERS(name##_w, body, 2);                                                                \
    EA_HANDLERS(name##_l, body, 4)

/* Size field (bits 7-6: 00 byte, 01 word, 10 long) as a byte count. */
static inline int size_of_field(uint32_t f)
{
    return f == 0 ? 1 : f == 1 ? 2 : 4;
}

/* Registers the byte/word/long tables for opcodes base | size<<6 | ea, for
 * every register value in bits 11-9 when `reg9` is set. */
static inline void set_bwl(m68k_handler *t, uint32_t base, bool reg9, unsigned modes_b,
                           unsigned modes_wl, const m68k_handler *b, const m68k_handler *w,
                           const m68k_handler *l)
{
    for (uint32_t r = 0; r < (reg9 ? 8u : 1u); r++) {
        m68k_set_ea(t, base | r << 9 | 0 << 6, modes_b, b);
        m68k_set_ea(t, base | r << 9 | 1 << 6, modes_wl, w);
        m68k_set_ea(t, base | r << 9 | 2 << 6, modes_wl, l);
    }
}

/* Read-modify-write operands: the address is computed and the operand read
 * first, the instruction's last prefetch comes between read and write, and
 * a long is written back low word first. */
INLINE uint32_t rmw_read(m68k_cpu *c, int mode, int reg, int sz, uint32_t *addr)
{
    if (mode == EA_DN) return DREG(c, reg);
    *addr = ea_addr(c, mode, reg, sz);
    return rd_data(c, *addr, sz);
}

INLINE void rmw_write(m68k_cpu *c, int mode, int reg, int sz, uint32_t addr, uint32_t v)
{
    if (mode == EA_DN) {
        set_dreg(c, reg, v, sz);
        return;
    }
    unsigned fc = fc_data(c);
    if (sz == 1)
        bus_wr8(c, addr, v, fc);
    else if (sz == 2)
        bus_wr16(c, addr, v, fc);
    else {
        bus_wr16(c, addr + 2, v, fc);
        bus_wr16(c, addr, v >> 16, fc);
    }
}

/* Pushes and pops on the active stack (A7), with the stacked-PC rules of an
 * instruction that is not addressing an operand. */
INLINE void push32_hi_first(m68k_cpu *c, uint32_t v)
{
    uint32_t sp = c->r[15] - 4;
    c->r[15] = sp;
    wr_data(c, sp, v, 4);
}

#endif
