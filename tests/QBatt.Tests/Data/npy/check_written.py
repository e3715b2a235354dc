#!/usr/bin/python3
"""Loads .npy files written by QBatt with numpy and checks them against the values QBatt wrote.

Not part of the test suite (the tests must not need python). Produce the files with the
test suite and point the script at them:

    QBATT_NPY_OUT=/tmp/qbatt-npy dotnet test tests/QBatt.Tests -c Release \
        --filter "FullyQualifiedName~QBatt.Tests.IO.NpyWriteTests"
    /usr/bin/python3 tests/QBatt.Tests/Data/npy/check_written.py /tmp/qbatt-npy

NpyWriteTests.WritesFilesForNumpy writes the files below when QBATT_NPY_OUT is set; the
expected values here are the ones that test writes.
"""
import os
import sys

import numpy as np

EXPECTED = {
    "complex_matrix.npy": np.array([[1 + 2j, -0.5j, 3.0], [0.25, 4 - 1j, -7.5 + 1e-300j]]),
    "real_matrix.npy": np.array([[1.5, -2.0, 3.25], [4.0, 0.5, -6.125]]),
    "real_vector.npy": np.array([0.1, -0.2, 1e300, 5e-324]),
    "complex_vector.npy": np.array([1j, -1.0, 2.5 - 3.5j]),
    "empty_vector.npy": np.zeros((0,)),
}


def main(folder):
    ok = True
    for name, want in EXPECTED.items():
        got = np.load(os.path.join(folder, name))
        same = got.dtype == want.dtype and got.shape == want.shape and np.array_equal(got, want)
        ok &= same
        print(f"{name}: dtype={got.dtype.str} shape={got.shape} fortran={np.isfortran(got)} "
              f"{'OK' if same else 'MISMATCH'} values={got.tolist()}")
    print("all files match" if ok else "MISMATCH")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/qbatt-npy"))
