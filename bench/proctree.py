"""CPU time and memory of a process and all its descendants, sampled from /proc.

Workers started by forkserver are children of the forkserver, not of the
process that asked for them, and a pool's workers may not be reaped before a
run ends, so ``resource.getrusage(RUSAGE_CHILDREN)`` misses them: the tree is
walked in /proc instead (Linux only). Peak memory is the largest *sum* of RSS
over the processes alive at one sample — what the machine must hold at once.
Shared pages (a forked worker's copy-on-write model) count once per process,
so the sum is an upper bound.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

_TICKS = os.sysconf("SC_CLK_TCK")
_PAGE = os.sysconf("SC_PAGE_SIZE")


def _stat(pid: int) -> tuple[int, float, int] | None:
    """(parent pid, CPU seconds user+system, RSS bytes), or None if it has gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            raw = f.read().decode()
    except OSError:
        return None
    # The command name may hold spaces and parentheses: split after the last ")".
    fields = raw[raw.rindex(")") + 2 :].split()
    ppid = int(fields[1])
    cpu = (int(fields[11]) + int(fields[12])) / _TICKS
    rss = int(fields[21]) * _PAGE
    return ppid, cpu, rss


def _pss(pid: int) -> int:
    """Proportional set size in bytes: shared pages split between their sharers."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _command(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _tree(root: int) -> dict[int, tuple[float, int]]:
    """{pid: (cpu seconds, rss bytes)} for ``root`` and every descendant."""
    stats: dict[int, tuple[int, float, int]] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            found = _stat(int(name))
            if found is not None:
                stats[int(name)] = found
    children: dict[int, list[int]] = {}
    for pid, (ppid, _, _) in stats.items():
        children.setdefault(ppid, []).append(pid)
    out: dict[int, tuple[float, int]] = {}
    todo = [root]
    while todo:
        pid = todo.pop()
        if pid in stats and pid not in out:
            out[pid] = stats[pid][1:]
            todo.extend(children.get(pid, ()))
    return out


@dataclass
class TreeSampler:
    """Sample ``root``'s process tree every ``interval`` seconds in a thread.

    ``cpu_root`` and ``cpu_others`` are CPU seconds used during the sampling
    (processes that existed before it started count from their first sample).
    A process that ends between two samples loses at most ``interval`` of CPU.
    """

    root: int
    # 0.2 s: a worker lives for the whole run (seconds to minutes), so this
    # catches its RSS peak closely; reading RSS costs ≈ 0.7 ms per sample.
    interval: float = 0.2
    # PSS reads /proc/PID/smaps_rollup, which walks the page tables: about
    # 20 ms of kernel CPU per sample of an ingest tree (6 processes, 1.3 GB;
    # measured 2026-11-26), i.e. 10% of a core at 0.2 s, taken from the run
    # being measured; tens of ms for a JVM's address space. So it can be off,
    # and it is read every ``pss_every`` samples (2 s: ≈ 1% of a core) and
    # whenever the RSS sum passes the largest one PSS was read at by 1% (a
    # slow creep of RSS would otherwise trigger it at every sample).
    pss: bool = True
    pss_every: int = 10
    _samples: int = 0
    _pss_read_at: int = 0  # the largest RSS sum at which PSS was read
    own_cpu: float = 0.0  # the sampler thread's CPU, taken out of cpu_root
    peak_rss: int = 0
    peak_pss: int = 0  # the same sum in PSS: a fork's shared pages counted once
    peak_process_rss: int = 0  # the largest single process
    peak_processes: int = 0
    # pid -> (largest RSS, largest PSS) of that process: which role holds what.
    peaks: dict[int, tuple[int, int]] = field(default_factory=dict)
    _first: dict[int, float] = field(default_factory=dict)
    _last: dict[int, float] = field(default_factory=dict)
    _commands: dict[int, str] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def sample(self) -> None:
        tree = _tree(self.root)
        for pid, (cpu, _) in tree.items():
            if pid not in self._first:
                self._commands[pid] = _command(pid)
            self._first.setdefault(pid, cpu if self._thread is None else 0.0)
            self._last[pid] = cpu
        rss_sum = sum(rss for _, rss in tree.values())
        self.peak_rss = max(self.peak_rss, rss_sum)
        new_high = rss_sum > self._pss_read_at * 1.01
        due = self._samples % self.pss_every == 0 or new_high or self._stop.is_set()
        self._samples += 1
        read_pss = self.pss and due
        pss = {pid: _pss(pid) for pid in tree} if read_pss else {}
        if read_pss:
            self._pss_read_at = max(self._pss_read_at, rss_sum)
            self.peak_pss = max(self.peak_pss, sum(pss.values()))
        for pid, (_, rss) in tree.items():
            old_rss, old_pss = self.peaks.get(pid, (0, 0))
            self.peaks[pid] = (max(old_rss, rss), max(old_pss, pss.get(pid, 0)))
        self.peak_process_rss = max([self.peak_process_rss, *(rss for _, rss in tree.values())])
        self.peak_processes = max(self.peak_processes, len(tree))

    def __enter__(self) -> TreeSampler:
        self.sample()  # the processes already there count from now
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        start = time.thread_time()
        while not self._stop.wait(self.interval):
            self.sample()
        self.own_cpu = time.thread_time() - start

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        assert self._thread is not None
        self._thread.join()
        self.sample()

    def _used(self, pid: int) -> float:
        used = self._last[pid] - self._first[pid]
        # The sampler runs in the root process: its own reading of /proc is
        # not the measured work (up to ~3% of a core at 0.2 s intervals).
        mine = pid == self.root == os.getpid()
        return max(0.0, used - self.own_cpu) if mine else used

    @property
    def cpu_root(self) -> float:
        return self._used(self.root) if self.root in self._last else 0.0

    def cpu_by(self, kind: Callable[[str], str]) -> dict[str, float]:
        """CPU seconds used, summed by ``kind(command line)`` of each process."""
        out: dict[str, float] = {}
        for pid in self._last:
            key = kind(self._commands.get(pid, ""))
            out[key] = out.get(key, 0.0) + self._used(pid)
        return out

    def per_process(self) -> list[tuple[str, int, int, float]]:
        """(role, peak RSS, peak PSS, CPU seconds) of every process seen, in pid order.

        A forkserver's workers inherit its command line, so the first process
        with a forkserver command line is the server and the later ones are
        workers.
        """
        out: list[tuple[str, int, int, float]] = []
        server = False
        for pid in sorted(self.peaks):
            command = self._commands.get(pid, "")
            if pid == self.root:
                role = "root"
            elif "resource_tracker" in command:
                role = "resource tracker"
            elif "forkserver" in command and not server:
                role, server = "forkserver", True
            else:
                role = "worker"
            out.append((role, *self.peaks[pid], self._used(pid)))
        return out

    @property
    def cpu_others(self) -> float:
        return sum(self._used(pid) for pid in self._last if pid != self.root)


def mib(n: int) -> float:
    return n / 2**20


def now() -> float:
    return time.perf_counter()
