#!/usr/bin/env python3
"""Judges a raw sound file written by SDL's disk audio driver (16-bit
stereo, host byte order, 48000 Hz unless --rate) for tests/gtk-sound.sh.

  audio-check.py FILE tone HZ      a steady sine of HZ on both channels
  audio-check.py FILE silence      nothing but zeros

Prints one line saying what it found; exit 0 when the file is what was
asked for, 1 when not, 2 on bad usage or an unreadable file."""
import argparse
import array
import math
import sys


def rising_crossings(x):
    """Times (in samples) where x goes from negative to non-negative,
    interpolated between the two samples."""
    out = []
    for i in range(1, len(x)):
        a, b = x[i - 1], x[i]
        if a < 0 <= b:
            out.append(i - 1 + (-a) / (b - a))
    return out


def goertzel_share(x, hz, rate):
    """The share of x's energy at frequency hz (1.0 for a pure sine)."""
    w = 2 * math.pi * hz / rate
    c = 2 * math.cos(w)
    s1 = s2 = 0.0
    energy = 0.0
    for v in x:
        s0 = v + c * s1 - s2
        s2, s1 = s1, s0
        energy += v * v
    power = s1 * s1 + s2 * s2 - c * s1 * s2
    return 2 * power / (len(x) * energy) if energy else 0.0


def gaps(x, rate, quiet=64, min_len=None):
    """Runs of near-silence longer than min_len samples (default 2 ms)
    inside x: dropouts in a tone."""
    min_len = min_len or rate // 500
    found, run = [], 0
    for i, v in enumerate(x):
        if -quiet < v < quiet:
            run += 1
        else:
            if run >= min_len:
                found.append((i - run, run))
            run = 0
    return found


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("what", choices=["tone", "silence"])
    ap.add_argument("hz", nargs="?", type=float)
    ap.add_argument("--rate", type=int, default=48000)
    ap.add_argument("--min-seconds", type=float, default=1.0)
    ap.add_argument("--max-seconds", type=float, default=1e9)
    ap.add_argument("--amplitude", type=int, default=8192)
    ap.add_argument("--silent-head", type=float, default=0,
                    help="the tone starts no sooner than this many seconds in")
    ap.add_argument("--silent-tail", type=float, default=0,
                    help="the last this many seconds are silent")
    a = ap.parse_args()
    if a.what == "tone" and not a.hz:
        ap.error("tone needs HZ")
    try:
        with open(a.file, "rb") as f:
            data = f.read()
    except OSError as e:
        print(f"cannot read {a.file}: {e}")
        return 2
    s = array.array("h")
    s.frombytes(data[: len(data) // 4 * 4])
    left, right = s[0::2], s[1::2]
    frames = len(left)
    secs = frames / a.rate
    problems = []
    if not a.min_seconds <= secs <= a.max_seconds:
        problems.append(f"{secs:.2f} s of sound, wanted {a.min_seconds} to {a.max_seconds} s")
    if a.what == "silence":
        loud = sum(1 for v in s if v != 0)
        if loud:
            problems.append(f"{loud} samples are not zero (peak {max(abs(v) for v in s)})")
        print(f"{secs:.2f} s, {'silent' if not loud else 'NOT silent'}"
              + ("" if not problems else ": " + "; ".join(problems)))
        return 1 if problems else 0

    if left != right:
        problems.append("the channels differ")
    # The tone starts once the machine thread has filled the ring, and ends
    # when the window closes: judge the part between its first and last
    # loud samples.
    loud = [i for i, v in enumerate(left) if abs(v) > a.amplitude // 4]
    if not loud:
        print(f"{secs:.2f} s, silent: no tone")
        return 1
    body = left[loud[0]:loud[-1] + 1]
    if loud[0] < a.silent_head * a.rate:
        problems.append(f"the tone starts at {loud[0] / a.rate:.2f} s, wanted silence "
                        f"before {a.silent_head} s")
    if frames - 1 - loud[-1] < a.silent_tail * a.rate:
        problems.append(f"the tone ends {(frames - 1 - loud[-1]) / a.rate:.2f} s before the "
                        f"end, wanted silence for the last {a.silent_tail} s")
    body_secs = len(body) / a.rate
    if body_secs < a.min_seconds:
        problems.append(f"the tone lasts {body_secs:.2f} s, wanted at least {a.min_seconds} s")
    # Judged in windows of 0.1 s: a dropout (the machine thread late on a
    # loaded host) costs the windows it touches, and the tone after it,
    # whose phase has moved, is not held against the tone before it.
    win = a.rate // 10
    pitches, shares = [], []
    for start in range(0, len(body) - win + 1, win):
        w = body[start:start + win]
        cross = rising_crossings(w)
        if len(cross) > 2:
            pitches.append((len(cross) - 1) * a.rate / (cross[-1] - cross[0]))
        shares.append(goertzel_share(w, a.hz, a.rate))
    pitches.sort()
    pitch = pitches[len(pitches) // 2] if pitches else 0.0
    clean = sum(1 for x in shares if x >= 0.95) / len(shares) if shares else 0.0
    share = goertzel_share(body, a.hz, a.rate)
    peak = max(abs(v) for v in body)
    rms = math.sqrt(sum(v * v for v in body) / len(body))
    holes = gaps(body, a.rate)
    hole_secs = sum(n for _, n in holes) / a.rate
    if abs(pitch - a.hz) > a.hz * 0.005:
        problems.append(f"pitch {pitch:.1f} Hz by zero crossings, wanted {a.hz:g}")
    if clean < 0.8:
        problems.append(f"only {clean:.0%} of the 0.1 s windows hold a clean {a.hz:g} Hz tone")
    if not a.amplitude * 0.97 <= peak <= a.amplitude * 1.01:
        problems.append(f"peak {peak}, wanted {a.amplitude}")
    if hole_secs > body_secs * 0.1:
        problems.append(f"{len(holes)} dropouts, {hole_secs:.3f} s of the tone missing")
    print(f"{secs:.2f} s of sound, the tone {body_secs:.2f} s from {loud[0] / a.rate:.2f} s "
          f"to {(loud[-1] + 1) / a.rate:.2f} s: "
          f"{pitch:.2f} Hz by zero crossings, {clean:.0%} of 0.1 s windows clean "
          f"({share:.1%} of all the energy at {a.hz:g} Hz), "
          f"peak {peak}, RMS {rms:.0f}, {len(holes)} dropouts ({hole_secs * 1000:.0f} ms)"
          + ("" if not problems else " -- " + "; ".join(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
