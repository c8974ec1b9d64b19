"""Timing a command in its own child process, for the peer-comparison scripts."""
import json
import subprocess
import sys

_WRAPPER = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter(); r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
    "dt = time.perf_counter() - t\n"
    "sys.stderr.write(r.stderr)\n"
    "print(r.returncode, dt, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)\n"
    "print(r.stdout, end='')\n"
)


def measure(cmd):
    """Runs cmd in a fresh child; returns (seconds, peak RSS bytes of that child alone, its stdout).

    A wrapper process runs the command so that RUSAGE_CHILDREN holds that one command's peak RSS.
    """
    out = subprocess.run([sys.executable, "-c", _WRAPPER] + cmd, capture_output=True, text=True, check=True)
    head, _, rest = out.stdout.partition("\n")
    code, seconds, rss = head.split()
    if code != "0":
        raise SystemExit("failed: " + " ".join(cmd) + "\n" + out.stderr)
    return float(seconds), int(rss), rest


def fastest_stage(cmd, summary, stage, repeat):
    """Runs a kranj-heat command `repeat` times; returns the fastest time of one stage (say
    "compute") from the run summary the command writes to `summary` (its --summary)."""
    times = []
    for _ in range(repeat):
        subprocess.run(cmd, check=True, capture_output=True)
        with open(summary) as f:
            times.append(json.load(f)["timings"][stage])
    return min(times)
