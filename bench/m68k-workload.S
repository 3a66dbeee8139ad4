| The fixed 68000 workload behind `make bench` (see BENCHMARKS.md).
|
| A flat image loaded at address 0: the reset vectors, then code that loops
| OUTER times over six kernels, each of the kind a classic Mac program spends
| its time in, then stores its checksums at RESULTS and executes STOP.
|
|   int      xorshift generator, data-dependent branches, DBRA loop
|   copy     fill, then (An)+ long/word/byte copies and a checksum pass
|   muldiv   MULU.W/DIVU.W (register and immediate), SWAP, EXT
|   bits     LSL/LSR/ASL/ASR/ROL/ROR/ROXL/ROXR by register and immediate
|            counts, BTST/BSET/BCLR/BCHG on registers and memory, AND/OR/EOR/NOT
|   calls    recursive Fibonacci: JSR/RTS, LINK/UNLK, arguments and locals
|            through d16(A6), MOVEM
|   records  an array of 16-byte records walked with d16(An) loads and stores
|
| Only 68000 instructions (the assembler runs with -m68000), no undefined
| flags are ever tested (DIVU never overflows, shift counts stay below the
| operand size) and no exception is taken, so any correct 68000 ends with
| the same checksums. Every other exception vector points at `unexpected`,
| which records a failure status and stops.
|
| Results (longs, read back with `--peek`; run-m68k-bench.sh lists them):
|   RESULTS+0x00 status: 0x600DC0DE when the run completed, 0xBAD0BAD0 after
|                an unexpected exception
|   RESULTS+0x04 .. +0x18  checksums of int, copy, muldiv, bits, calls, records
|   RESULTS+0x1C outer iterations completed
|   RESULTS+0x20 all of the above folded together

    .equ STACK_TOP, 0x00080000
    .equ RESULTS,   0x00001000
    .equ R_STATUS,  RESULTS + 0x00
    .equ R_INT,     RESULTS + 0x04
    .equ R_COPY,    RESULTS + 0x08
    .equ R_MULDIV,  RESULTS + 0x0C
    .equ R_BITS,    RESULTS + 0x10
    .equ R_CALLS,   RESULTS + 0x14
    .equ R_RECORDS, RESULTS + 0x18
    .equ R_OUTER,   RESULTS + 0x1C
    .equ R_FINAL,   RESULTS + 0x20
    .equ RNG,       RESULTS + 0x40      | xorshift32 state shared by the kernels
    .equ BITMAP,    RESULTS + 0x80      | 64 bytes for memory bit operations

    .equ SRC_BUF,   0x00010000
    .equ DST_BUF,   0x00018000
    .equ RECORDS,   0x00020000

    .equ STATUS_OK,  0x600DC0DE
    .equ STATUS_BAD, 0xBAD0BAD0

    | Sizes: about 172,000 instructions per outer iteration, so some 516 million
    | in all (--defsym OUTER=n makes a shorter run for checking).
    .ifndef OUTER
    .equ OUTER,        3000
    .endif
    .equ INT_ITERS,    2000
    .equ COPY_LONGS,   1024
    .equ MULDIV_ITERS, 1500
    .equ BITS_ITERS,   1200
    .equ FIB_N,        15
    .equ NRECORDS,     128
    .equ REC_PASSES,   4

    .text
    .globl _start

| Exception vectors 0-255: reset SSP and PC, then everything else unexpected.
vectors:
    .long STACK_TOP
    .long _start
    .rept 254
    .long unexpected
    .endr

_start:
    move.w #0x2700,sr
    lea STACK_TOP,sp
    lea RESULTS,a0          | clear the results block, then every register
    moveq #(0x100 / 4) - 1,d0
1:  clr.l (a0)+
    dbra d0,1b
    movem.l RESULTS,d0-d7/a0-a6
    move.l #0x2545F491,RNG
    bsr init_records
    move.l #OUTER,d7
outer:
    jsr k_int
    jsr k_copy
    jsr k_muldiv
    jsr k_bits
    jsr k_calls
    jsr k_records
    addq.l #1,R_OUTER
    subq.l #1,d7
    bne outer

    | Fold the checksums and the iteration count into one long.
    lea R_INT,a0
    moveq #0,d0
    moveq #7 - 1,d1
2:  rol.l #5,d0
    add.l (a0)+,d0
    dbra d1,2b
    move.l d0,R_FINAL
    move.l #STATUS_OK,R_STATUS
done:
    stop #0x2700
    bra done

unexpected:
    move.l #STATUS_BAD,R_STATUS
    stop #0x2700
    bra unexpected

| int: xorshift32 with branches on the generated bits.
k_int:
    movem.l d2-d5,-(sp)
    move.l RNG,d0
    move.l R_INT,d2
    moveq #0,d3
    move.w #INT_ITERS - 1,d5
1:  move.l d0,d1            | x ^= x << 13
    lsl.l #8,d1
    lsl.l #5,d1
    eor.l d1,d0
    move.l d0,d1            | x ^= x >> 17
    swap d1
    andi.l #0xFFFF,d1
    lsr.l #1,d1
    eor.l d1,d0
    move.l d0,d1            | x ^= x << 5
    lsl.l #5,d1
    eor.l d1,d0
    btst #0,d0
    beq 2f
    add.l d0,d2
    bra 3f
2:  sub.l d0,d2
    addq.l #1,d3
3:  cmpi.b #0x40,d0
    bhi 4f
    eori.l #0x5A5A5A5A,d2
4:  tst.w d0
    bpl 5f
    addq.l #7,d2
5:  dbra d5,1b
    move.l d0,RNG
    add.l d3,d2
    move.l d2,R_INT
    movem.l (sp)+,d2-d5
    rts

| copy: fill SRC_BUF, copy it with (An)+ as longs, words and bytes, sum DST_BUF.
k_copy:
    movem.l d2-d3/a2-a3,-(sp)
    lea SRC_BUF,a0
    move.l RNG,d0
    move.w #COPY_LONGS - 1,d1
1:  move.l d0,(a0)+
    addi.l #0x9E3779B9,d0
    rol.l #3,d0
    dbra d1,1b
    move.l d0,RNG

    lea SRC_BUF,a2
    lea DST_BUF,a3
    move.w #COPY_LONGS - 1,d1
2:  move.l (a2)+,(a3)+
    dbra d1,2b

    lea SRC_BUF + 2,a2      | words, shifted by 6 bytes
    lea DST_BUF + 8,a3
    move.w #COPY_LONGS - 5,d1
3:  move.w (a2)+,(a3)+
    dbra d1,3b

    lea SRC_BUF + 1,a2      | bytes, odd to odd-plus-two
    lea DST_BUF + 3,a3
    move.w #COPY_LONGS - 1,d1
4:  move.b (a2)+,(a3)+
    dbra d1,4b

    lea DST_BUF,a3          | four longs per step
    move.l R_COPY,d2
    moveq #0,d3
    move.w #(COPY_LONGS / 4) - 1,d1
5:  add.l (a3)+,d2
    rol.l #1,d2
    add.l (a3)+,d2
    eor.l d2,d3
    add.l (a3)+,d2
    rol.l #1,d2
    add.l (a3)+,d2
    dbra d1,5b
    add.l d3,d2
    move.l d2,R_COPY
    movem.l (sp)+,d2-d3/a2-a3
    rts

| muldiv: a*b by MULU.W, then divided by (a|1), which never overflows:
| for odd a the quotient is b, for even a it is below b.
k_muldiv:
    movem.l d2-d5,-(sp)
    move.l RNG,d0
    move.l R_MULDIV,d2
    move.w #MULDIV_ITERS - 1,d5
1:  move.l d0,d1
    swap d1                 | d1.w = b
    move.w d0,d3            | d3.w = a
    mulu.w d3,d1            | d1 = a * b
    add.l d1,d2
    move.w d3,d4
    ori.w #1,d4
    divu.w d4,d1            | d1 = remainder:quotient
    add.l d1,d2
    move.w d2,d1            | quotient < 1000 as well
    andi.l #0x7FFF,d1
    divu.w #1000,d1
    swap d1
    ext.l d1
    add.l d1,d2
    mulu.w #40503,d3
    eor.l d3,d2
    addi.l #0x6F4A7C15,d0   | step the generator
    ror.l #7,d0
    eor.l d2,d0
    dbra d5,1b
    move.l d0,RNG
    move.l d2,R_MULDIV
    movem.l (sp)+,d2-d5
    rts

| bits: shifts and rotates by a register count in 0..15, bit operations on
| registers and on a small bitmap in memory.
k_bits:
    movem.l d2-d5/a2,-(sp)
    move.l RNG,d0
    move.l R_BITS,d2
    lea BITMAP,a2
    move.w #BITS_ITERS - 1,d5
1:  move.w d0,d3
    andi.w #15,d3           | count 0..15
    move.l d0,d1
    lsl.l d3,d1
    eor.l d1,d2
    move.l d0,d1
    asr.l d3,d1
    add.l d1,d2             | sets X for the ROXL below
    move.w d0,d1
    ror.w d3,d1
    roxl.l #1,d2
    move.l d2,d4
    rol.l d3,d4
    lsr.w #3,d4
    asl.w #2,d4
    roxr.l #2,d4
    eor.l d4,d2
    bchg d3,d2
    btst d3,d0
    beq 2f
    bset #31,d1
    bra 3f
2:  bclr #3,d1
3:  not.l d1
    and.l d0,d1
    or.l d1,d2
    move.w d0,d4            | a bit of the bitmap: byte (d0 >> 4) & 63
    lsr.w #4,d4
    andi.w #63,d4
    bchg d3,0(a2,d4.w)
    bne 4f
    addq.l #1,d2
4:  move.l d0,d1            | step the generator (xorshift32)
    lsl.l #8,d1
    lsl.l #5,d1
    eor.l d1,d0
    move.l d0,d1
    swap d1
    andi.l #0xFFFF,d1
    lsr.l #1,d1
    eor.l d1,d0
    move.l d0,d1
    lsl.l #5,d1
    eor.l d1,d0
    dbra d5,1b
    lea BITMAP,a2           | fold the bitmap in
    moveq #(64 / 4) - 1,d5
5:  add.l (a2)+,d2
    dbra d5,5b
    move.l d0,RNG
    move.l d2,R_BITS
    movem.l (sp)+,d2-d5/a2
    rts

| calls: fib(n) the slow way; one long argument at 8(a6), two long locals.
k_calls:
    move.l #FIB_N,-(sp)
    jsr fib
    addq.l #4,sp
    add.l d0,R_CALLS
    rts

fib:
    link a6,#-8
    move.l 8(a6),d0
    cmpi.l #2,d0
    blt 1f
    subq.l #1,d0
    move.l d0,-4(a6)        | n - 1
    move.l d0,-(sp)
    jsr fib
    addq.l #4,sp
    move.l d0,-8(a6)        | fib(n - 1)
    move.l -4(a6),d0
    subq.l #1,d0
    move.l d0,-(sp)
    bsr fib
    addq.l #4,sp
    add.l -8(a6),d0
1:  unlk a6
    rts

| records: NRECORDS records of 16 bytes:
|   0 key.l  4 a.w  6 b.w  8 sum.l  12 hits.w  14 link.w
init_records:
    lea RECORDS,a0
    move.l #0x13579BDF,d0
    move.w #NRECORDS - 1,d1
1:  move.l d0,0(a0)
    move.w d0,4(a0)
    swap d0
    move.w d0,6(a0)
    clr.l 8(a0)
    clr.w 12(a0)
    move.w d1,14(a0)
    addi.l #0x0F1E2D3C,d0
    lea 16(a0),a0
    dbra d1,1b
    rts

k_records:
    movem.l d2-d5/a2-a3,-(sp)
    move.w #REC_PASSES - 1,d5
1:  lea RECORDS,a2
    lea RECORDS + 16,a3
    move.w #NRECORDS - 2,d4
2:  move.l 0(a2),d1
    move.w 4(a2),d2
    add.w 6(a3),d2
    move.w d2,4(a2)
    move.w 6(a2),d3
    sub.w 4(a3),d3
    move.w d3,6(a3)
    add.l d1,8(a2)
    move.l 8(a3),d0
    eor.l d1,d0
    move.l d0,0(a3)
    cmp.w 14(a2),d2
    bcs 3f
    addq.w #1,12(a2)
3:  lea 16(a2),a2
    lea 16(a3),a3
    dbra d4,2b
    dbra d5,1b

    lea RECORDS,a2          | checksum: sum and hits of every record
    move.l R_RECORDS,d2
    move.w #NRECORDS - 1,d4
4:  add.l 8(a2),d2
    move.w 12(a2),d1
    ext.l d1
    add.l d1,d2
    rol.l #3,d2
    lea 16(a2),a2
    dbra d4,4b
    move.l d2,R_RECORDS
    movem.l (sp)+,d2-d5/a2-a3
    rts

    | The results block sits at a fixed address after the code (the
    | assembler refuses this .org if the code ever grows past it).
    .org RESULTS
    .fill 0x100, 1, 0
