#!/usr/bin/python3
"""Writes the .npy fixtures that tests/QBatt.Tests/IO/NpyReadTests.cs reads.

numpy is the independent oracle: these files are produced by numpy (1.24, Debian's
python3-numpy), never by QBatt. Run from anywhere:

    /usr/bin/python3 tests/QBatt.Tests/Data/npy/make_fixtures.py

and commit the .npy files. The values below are the ones the tests assert; they are all
exactly representable (in float32 too where the dtype is float32) so equality is exact.
"""
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

REAL_2X3 = [[1.5, -2.0, 3.25], [4.0, 0.5, -6.125]]
COMPLEX_2X2 = [[1 + 2j, -0.5j], [3.0, 4 - 1j]]


def save(name, array):
    np.save(os.path.join(HERE, name), array)


def write_version(name, array, version):
    with open(os.path.join(HERE, name), "wb") as f:
        np.lib.format.write_array(f, array, version=version)


def main():
    real = np.array(REAL_2X3, dtype="<f8")
    cplx = np.array(COMPLEX_2X2, dtype="<c16")
    save("f8_c.npy", real)                                   # fortran_order False
    save("f8_fortran.npy", np.asfortranarray(real))          # fortran_order True
    save("c16_c.npy", cplx)
    save("c16_fortran.npy", np.asfortranarray(cplx))
    save("f4_1d.npy", np.array([0.5, -1.25, 3.0], dtype="<f4"))
    save("c8_1d.npy", np.array([1 + 1j, -2.5 + 0.5j], dtype="<c8"))
    save("i8_2d.npy", np.array([[1, -2], [3, 2**40]], dtype="<i8"))
    save("i4_1d.npy", np.array([7, -8, 9], dtype="<i4"))
    save("f8_1d.npy", np.array([0.1, 0.2, 0.3], dtype="<f8"))
    save("f8_0d.npy", np.array(2.5, dtype="<f8"))
    save("f8_empty.npy", np.zeros((0, 3), dtype="<f8"))
    write_version("f8_v2.npy", np.arange(6.0).reshape(2, 3), (2, 0))  # [[0, 1, 2], [3, 4, 5]]
    write_version("f8_v3.npy", np.array([1.0, 2.0]), (3, 0))
    # Inputs QBatt must refuse:
    save("bad_bigendian.npy", np.array([1.0, 2.0], dtype=">f8"))
    save("bad_3d.npy", np.zeros((2, 2, 2), dtype="<f8"))
    save("bad_bool.npy", np.array([True, False]))

    for name in sorted(os.listdir(HERE)):
        if name.endswith(".npy"):
            a = np.load(os.path.join(HERE, name))
            print(f"{name}: dtype={a.dtype.str} shape={a.shape} fortran={np.isfortran(a)} values={a.tolist()}")


if __name__ == "__main__":
    main()
