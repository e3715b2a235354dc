using QBatt.Tests.Sweeps;

namespace QBatt.Tests.Cli;

/// <summary>
/// The Python route (python/qbatt, docs/python.md) under Debian's /usr/bin/python3 with numpy, pandas
/// and h5py: it runs the built CLI (QBATT_DLL), returns dicts, DataFrames and arrays, reads .npy, .h5,
/// .csv and .jsonl outputs, and raises QBattError with qbatt's message and exit code on bad input.
/// The closed forms in the script are independent of QBatt: a two-level state's ergotropy is
/// (p_excited - p_ground) (e1 - e0) when the excited level is the more populated.
/// </summary>
public sealed class PythonRouteTests
{
    [Fact]
    public void The_python_package_runs_qbatt_and_reads_every_output_format()
    {
        using var dir = new QBatt.Tests.IO.TempDir();
        var root = SweepFixtures.RepositoryRoot();
        var script = $$"""
            import os, sys
            sys.path.insert(0, {{Py(Path.Combine(root, "python"))}})
            os.environ['QBATT_DLL'] = {{Py(CliRunner.Dll)}}
            import numpy as np
            import pandas as pd
            import qbatt

            doc = qbatt.run('ergotropy', energies=[0, 1.5], populations=[0.25, 0.75])
            assert abs(doc['ergotropy'] - 0.5 * 1.5) < 1e-12, doc['ergotropy']
            assert qbatt.command_line('gaussian', omega=[1, 2], two_mode=0.3, normalize=True, beta=None) == ['gaussian', '--omega', '1,2', '--two-mode', '0.3', '--normalize']

            levels = qbatt.table(doc, 'passive_state')
            assert isinstance(levels, pd.DataFrame) and list(levels.columns) == ['level', 'energy_level', 'population']
            assert np.allclose(levels['population'], [0.75, 0.25])

            chain = qbatt.run('chain', cells=3, trace=True, steps=20, tmax=2)
            t = qbatt.array(chain, 'times')
            assert t.shape == (21,) and t[0] == 0 and abs(t[-1] - 2) < 1e-12

            qbatt.run('ergotropy', energies=[0, 1.5], populations=[0.25, 0.75], out='sigma.npy')
            sigma = qbatt.load('sigma.npy')
            assert sigma.dtype == np.complex128 and np.allclose(sigma, np.diag([0.75, 0.25]))
            qbatt.run('ergotropy', energies=[0, 1.5], populations=[0.25, 0.75], out='e.h5')
            h5 = qbatt.load('e.h5')
            assert abs(h5['attrs']['ergotropy'] - 0.75) < 1e-12 and h5['attrs']['command'] == 'ergotropy'
            assert np.allclose(h5['unitary'] @ np.diag([0.25, 0.75]) @ h5['unitary'].conj().T, np.diag([0.75, 0.25]))
            qbatt.run('copies', energies=[0, 1, 2], populations=[0.5, 0.2, 0.3], n='1..3', out='copies.csv')
            rows = qbatt.load('copies.csv')
            assert list(rows['n']) == [1, 2, 3] and 'limit' in rows.columns

            with open('points.jsonl', 'w') as f:
                import json
                f.write(json.dumps(dict(index=0, result=dict(gamma=1.5))) + '\n\n' + json.dumps(dict(index=1, result=dict(gamma=2))) + '\n')
            assert [p['result']['gamma'] for p in qbatt.load('points.jsonl')] == [1.5, 2]

            try:
                qbatt.run('ergotropy', energies=[0, 1], populations=[0.5, 0.6])
                raise AssertionError('no error')
            except qbatt.QBattError as e:
                assert e.code == 2 and '--populations' in e.message, (e.code, e.message)
            print('python route ok')
            """;
        Assert.Contains("python route ok", SweepFixtures.Python(script, dir.Root), StringComparison.Ordinal);
    }

    private static string Py(string s) => "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
