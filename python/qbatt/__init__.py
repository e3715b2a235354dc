"""A Python route to QBatt: run the ``qbatt`` command line and read its outputs.

Standard library and numpy; pandas (DataFrames) and h5py (.h5 files) are optional. Nothing here
computes physics: every number comes from ``qbatt`` itself (its ``--json`` document or its files).

    >>> import qbatt
    >>> doc = qbatt.run('ergotropy', energies=[0, 1, 2], populations=[0.5, 0.2, 0.3])
    >>> doc['ergotropy']
    >>> scan = qbatt.table(qbatt.run('dicke', cells='1..6', coupling=0.5), 'scan')   # a DataFrame
    >>> sigma = qbatt.load('passive.npy')                                            # numpy array

Which ``qbatt`` runs: the environment variable ``QBATT`` (a path to the executable), else
``QBATT_DLL`` (a built ``QBatt.Cli.dll``, run with ``dotnet``), else ``qbatt`` on the PATH (the
installed .NET tool). See docs/python.md.
"""

import json
import os
import shutil
import subprocess

import numpy as np

__all__ = ['QBattError', 'command_line', 'run', 'table', 'array', 'load', 'load_h5', 'load_jsonl', 'executable']


class QBattError(RuntimeError):
    """``qbatt`` exited with a non-zero code; ``message`` is its stderr line, ``code`` the exit code (2: bad input)."""

    def __init__(self, message, code, args):
        super().__init__(f'{message} (exit code {code})')
        self.message = message
        self.code = code
        self.command = args


def executable():
    """The argument list that starts qbatt (see the module docstring)."""
    if os.environ.get('QBATT'):
        return [os.environ['QBATT']]
    if os.environ.get('QBATT_DLL'):
        return [shutil.which('dotnet') or 'dotnet', os.environ['QBATT_DLL']]
    found = shutil.which('qbatt')
    if found is None:
        raise FileNotFoundError('qbatt not found: install the tool (dotnet tool install --global QBatt.Cli), or set QBATT or QBATT_DLL')
    return [found]


def _value(v):
    if isinstance(v, (list, tuple, np.ndarray)):
        return ','.join(_value(x) for x in v)
    if isinstance(v, complex):
        return f'{v.real!r}{v.imag:+}i'
    if isinstance(v, float):
        return repr(v)
    return str(v)


def command_line(command, *args, **options):
    """The qbatt arguments for a command: keyword ``cells=4`` is ``--cells 4``, ``two_mode=0.3`` is
    ``--two-mode 0.3``, a list is comma-separated (``n=[1, 2, 5]`` is ``--n 1,2,5``), True is a bare flag,
    False and None leave the option out; positional ``args`` are passed as they are."""
    out = [command, *[str(a) for a in args]]
    for key, v in options.items():
        if v is None or v is False:
            continue
        flag = '--' + key.replace('_', '-')
        out.append(flag)
        if v is not True:
            out.append(_value(v))
    return out


def run(command, *args, check=True, **options):
    """Runs ``qbatt COMMAND ... --json`` and returns its JSON document as a dict. Raises QBattError
    (with qbatt's one-line message and exit code) when it fails; with ``check=False`` a run that exits 1
    (reproduce: a claim disagrees) still returns its document."""
    argv = executable() + command_line(command, *args, **options) + ['--json']
    p = subprocess.run(argv, capture_output=True, text=True, encoding='utf-8')
    if p.returncode != 0 and (check or not p.stdout.strip()):
        lines = [ln for ln in p.stderr.splitlines() if ln.strip()]
        raise QBattError(lines[-1] if lines else 'qbatt failed', p.returncode, argv)
    return json.loads(p.stdout)


def table(doc, key):
    """The rows under ``key`` of a JSON document (a top-level array of objects, or ``tables[key]``)
    as a pandas DataFrame, or a list of dicts when pandas is not installed."""
    rows = doc.get(key)
    if rows is None:
        rows = (doc.get('tables') or {}).get(key)
    if not isinstance(rows, list):
        raise KeyError(f'{key!r} is not a table of this document (keys: {sorted(doc)})')
    try:
        import pandas as pd
    except ImportError:
        return rows
    return pd.DataFrame(rows)


def _number(x):
    if x in ('Infinity', '-Infinity', 'NaN'):
        return float(x.replace('Infinity', 'inf'))
    return np.nan if x is None else x


def array(doc, key):
    """A numeric array of a JSON document (``times``, ``work``, ...) as a float numpy array;
    the JSON strings "Infinity", "-Infinity", "NaN" and nulls become inf, -inf and nan."""
    return np.asarray([_number(x) for x in doc[key]], dtype=float)


def load_jsonl(path):
    """A JSON-lines file (``qbatt sweep`` results): one dict a line."""
    with open(path, encoding='utf-8') as f:
        return [json.loads(line) for line in f if line.strip()]


def load_h5(path):
    """An HDF5 output of qbatt as a dict: ``attrs`` (the root attributes: command, version, backend,
    units, parameters and the scalar results) and every dataset by its path (groups flattened as
    ``group/name``); complex datasets come back as complex128. Needs h5py."""
    import h5py

    out = {}
    with h5py.File(path, 'r') as f:
        out['attrs'] = {k: (v.decode() if isinstance(v, bytes) else v) for k, v in f.attrs.items()}

        def visit(name, obj):
            if isinstance(obj, h5py.Dataset):
                data = obj[()]
                if data.dtype.kind in ('O', 'S'):
                    data = obj.asstr()[()]
                out[name] = data

        f.visititems(visit)
    return out


def load(path):
    """Reads a qbatt output by its extension: .json (dict), .jsonl (list of dicts), .npy (numpy array),
    .h5 (dict, see load_h5), .csv (a DataFrame with pandas, else a numpy structured array)."""
    ext = os.path.splitext(path)[1].lower()
    if ext == '.json':
        with open(path, encoding='utf-8') as f:
            return json.load(f)
    if ext == '.jsonl':
        return load_jsonl(path)
    if ext == '.npy':
        return np.load(path)
    if ext == '.h5':
        return load_h5(path)
    if ext == '.csv':
        try:
            import pandas as pd
            return pd.read_csv(path)
        except ImportError:
            return np.genfromtxt(path, delimiter=',', names=True, dtype=None, encoding='utf-8')
    raise ValueError(f'{path}: expected a .json, .jsonl, .npy, .h5 or .csv file')
