/* clarus-user: the initial process image.
 *
 * The stack at entry, as the Linux ELF loader builds it (fs/binfmt_elf.c
 * create_elf_tables) and the "System V ABI PowerPC Processor Supplement"
 * describes it ("Process Initialization", "Process Stack"): from r1
 * upwards argc, the argv pointers and a NULL, the envp pointers and a
 * NULL, then the auxiliary vector of (type, value) word pairs ending with
 * AT_NULL; above that the 16 AT_RANDOM bytes, the platform string and the
 * argument and environment strings, with the program's file name at the
 * very top. r1 is 16-byte aligned. The supplement also passes argc, argv,
 * envp and auxv in r3-r6 (r7: a termination function, 0 here); glibc's
 * static start-up reads the stack, so both agree. */
#include "ui/user/linux_user.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/random.h>

#include <glib.h>

#include "bits.h"

/* Auxiliary vector types (the Linux ELF auxv, include/uapi/linux/auxvec.h
 * and arch/powerpc/include/uapi/asm/auxvec.h). */
enum {
    AT_NULL = 0,
    AT_PHDR = 3,
    AT_PHENT = 4,
    AT_PHNUM = 5,
    AT_PAGESZ = 6,
    AT_BASE = 7,
    AT_FLAGS = 8,
    AT_ENTRY = 9,
    AT_UID = 11,
    AT_EUID = 12,
    AT_GID = 13,
    AT_EGID = 14,
    AT_PLATFORM = 15,
    AT_HWCAP = 16,
    AT_CLKTCK = 17,
    AT_DCACHEBSIZE = 19,
    AT_ICACHEBSIZE = 20,
    AT_UCACHEBSIZE = 21,
    AT_IGNOREPPC = 22,
    AT_SECURE = 23,
    AT_RANDOM = 25,
    AT_HWCAP2 = 26,
    AT_EXECFN = 31,
};

/* AT_HWCAP bits (arch/powerpc/include/uapi/asm/cputable.h). */
#define PPC_FEATURE_32            0x80000000u
#define PPC_FEATURE_601_INSTR     0x20000000u
#define PPC_FEATURE_HAS_ALTIVEC   0x10000000u
#define PPC_FEATURE_HAS_FPU       0x08000000u
#define PPC_FEATURE_HAS_MMU       0x04000000u
#define PPC_FEATURE_UNIFIED_CACHE 0x01000000u
#define PPC_FEATURE_NO_TB         0x00100000u

/* The platform names Linux reports for these CPUs (its cputable). */
static const char *platform_of(ppc_model m)
{
    switch (m) {
    case PPC_MODEL_601: return "ppc601";
    case PPC_MODEL_603E: return "ppc603";
    case PPC_MODEL_604E: return "ppc604";
    case PPC_MODEL_750: return "ppc750";
    case PPC_MODEL_7400: return "ppc7400";
    }
    return "ppc750";
}

static uint32_t hwcap_of(ppc_model m)
{
    uint32_t h = PPC_FEATURE_32 | PPC_FEATURE_HAS_FPU | PPC_FEATURE_HAS_MMU;
    /* The 601: POWER instructions, a unified cache, no time base; the 7400:
     * AltiVec, which glibc then uses for its string and memory routines. */
    if (m == PPC_MODEL_601)
        h |= PPC_FEATURE_601_INSTR | PPC_FEATURE_UNIFIED_CACHE | PPC_FEATURE_NO_TB;
    if (m == PPC_MODEL_7400) h |= PPC_FEATURE_HAS_ALTIVEC;
    return h;
}

typedef struct {
    lu_mem *m;
    uint32_t sp, floor;
} builder;

/* Pushes bytes below sp; false when the strings outgrow their share. */
static bool push(builder *b, const void *data, uint32_t len)
{
    if (b->sp - b->floor < len) return false;
    b->sp -= len;
    memcpy(b->m->host + b->sp, data, len);
    return true;
}

static bool push_str(builder *b, const char *s, uint32_t *addr)
{
    size_t n = strlen(s) + 1;
    if (n > UINT32_MAX / 2 || !push(b, s, (uint32_t)n)) return false;
    *addr = b->sp;
    return true;
}

static void put(lu_mem *m, uint32_t *at, uint32_t v)
{
    store_be32(m->host + *at, v);
    *at += 4;
}

static bool fail(char *err, size_t errlen, const char *msg)
{
    snprintf(err, errlen, "%s", msg);
    return false;
}

bool lu_setup_process(lu_process *p, const lu_image *img, int argc, char **argv, char **envp,
                      char *err, size_t errlen)
{
    lu_mem *m = &p->mem;
    uint32_t stack_lo = LU_TASK_SIZE - LU_STACK_SIZE;
    if (!lu_mem_map(m, stack_lo, LU_STACK_SIZE, LU_PROT_READ | LU_PROT_WRITE))
        return fail(err, errlen, "cannot map the stack");
    /* Like Linux, let arguments and environment take at most a quarter of
     * the stack. */
    builder b = {.m = m, .sp = LU_TASK_SIZE - 16, .floor = LU_TASK_SIZE - LU_STACK_SIZE / 4};
    int envc = 0;
    while (envp && envp[envc]) envc++;
    uint32_t *arg_addr = g_new(uint32_t, (size_t)argc + 1);
    uint32_t *env_addr = g_new(uint32_t, (size_t)envc + 1);
    uint32_t execfn = 0, platform = 0, random_at;
    bool ok = push_str(&b, p->exec_name ? p->exec_name : argv[0], &execfn);
    for (int i = envc - 1; ok && i >= 0; i--) ok = push_str(&b, envp[i], &env_addr[i]);
    for (int i = argc - 1; ok && i >= 0; i--) ok = push_str(&b, argv[i], &arg_addr[i]);
    ok = ok && push_str(&b, platform_of(p->model), &platform);
    uint8_t rnd[16];
    if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd))
        for (size_t i = 0; i < sizeof(rnd); i++) rnd[i] = (uint8_t)g_random_int();
    b.sp &= ~3u;
    ok = ok && push(&b, rnd, sizeof(rnd));
    random_at = b.sp;

    const uint32_t auxv[][2] = {
        {AT_IGNOREPPC, AT_IGNOREPPC},
        {AT_IGNOREPPC, AT_IGNOREPPC},
        {AT_DCACHEBSIZE, 32},
        {AT_ICACHEBSIZE, 32},
        {AT_UCACHEBSIZE, 0},
        {AT_HWCAP, hwcap_of(p->model)},
        {AT_PAGESZ, LU_PAGE_SIZE},
        {AT_CLKTCK, 100},
        {AT_PHDR, img->phdr},
        {AT_PHENT, img->phent},
        {AT_PHNUM, img->phnum},
        {AT_BASE, 0},
        {AT_FLAGS, 0},
        {AT_ENTRY, img->entry},
        {AT_UID, (uint32_t)getuid()},
        {AT_EUID, (uint32_t)geteuid()},
        {AT_GID, (uint32_t)getgid()},
        {AT_EGID, (uint32_t)getegid()},
        {AT_SECURE, 0},
        {AT_RANDOM, random_at},
        {AT_HWCAP2, 0},
        {AT_EXECFN, execfn},
        {AT_PLATFORM, platform},
        {AT_NULL, 0},
    };
    size_t nauxv = sizeof(auxv) / sizeof(auxv[0]);
    uint32_t table = (uint32_t)(4 * (1 + (size_t)argc + 1 + (size_t)envc + 1 + 2 * nauxv));
    if (ok && b.sp - b.floor < table + 16) ok = false;
    if (!ok) {
        g_free(arg_addr);
        g_free(env_addr);
        return fail(err, errlen, "argument list and environment too long for the stack");
    }
    uint32_t sp = (b.sp - table) & ~15u;
    uint32_t at = sp;
    put(m, &at, (uint32_t)argc);
    uint32_t argv_at = at;
    for (int i = 0; i < argc; i++) put(m, &at, arg_addr[i]);
    put(m, &at, 0);
    uint32_t envp_at = at;
    for (int i = 0; i < envc; i++) put(m, &at, env_addr[i]);
    put(m, &at, 0);
    uint32_t auxv_at = at;
    for (size_t i = 0; i < nauxv; i++) {
        put(m, &at, auxv[i][0]);
        put(m, &at, auxv[i][1]);
    }
    g_free(arg_addr);
    g_free(env_addr);

    m->brk_start = m->brk = lu_page_up(img->end);

    ppc_cpu *c = p->cpu;
    for (unsigned r = 0; r < 32; r++) ppc_set_gpr(c, r, 0);
    ppc_set_gpr(c, 1, sp);
    ppc_set_gpr(c, 3, (uint32_t)argc);
    ppc_set_gpr(c, 4, argv_at);
    ppc_set_gpr(c, 5, envp_at);
    ppc_set_gpr(c, 6, auxv_at);
    ppc_set_gpr(c, 7, 0);
    ppc_set_cr(c, 0);
    ppc_set_xer(c, 0);
    ppc_set_fpscr(c, 0);
    /* User mode, floating point available, translation and external
     * interrupts off: guest virtual = guest physical. */
    /* The 7400's AltiVec is on for user programs (Linux enables MSR[VEC]
     * for a task at its first vector instruction, invisibly to it; VSCR
     * starts with NJ set, as Linux's vector state does). */
    ppc_model model = ppc_get_model(c);
    ppc_set_msr(c, 0x4000u | 0x2000u | (model == PPC_MODEL_7400 ? 0x02000000u : 0));
    if (model == PPC_MODEL_7400) ppc_set_vscr(c, 0x00010000u);
    ppc_set_pc(c, img->entry);
    lu_mem_commit(m);
    return true;
}
