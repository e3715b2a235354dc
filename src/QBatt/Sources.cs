using System.Text;

namespace QBatt;

/// <summary>
/// One publication QBatt implements or reproduces, as listed in docs/BIBLIOGRAPHY.md and cited by
/// key in docs/PHYSICS.md (items R1-R19), in XML docs and in the output of <c>qbatt reproduce</c>.
/// Identifiers are given only where they were checked against a copy of the publication record;
/// a missing DOI or arXiv id means "not checked", never "does not exist".
/// </summary>
/// <param name="Key">Short citation key without brackets, e.g. <c>PRL</c> (cited as [PRL]).</param>
/// <param name="Authors">Authors as printed in the publication, initials first.</param>
/// <param name="Title">Title, or null when it was not checked.</param>
/// <param name="Venue">Journal, volume and article or pages, or the book it appeared in.</param>
/// <param name="Year">Year of publication (of the arXiv posting for preprints).</param>
/// <param name="Doi">DOI without the resolver prefix, e.g. <c>10.1103/PhysRevLett.118.150601</c>, or null.</param>
/// <param name="ArXiv">arXiv identifier, e.g. <c>1612.04991</c> or <c>quant-ph/0204159</c>, or null.</param>
/// <param name="Mentions">
/// Phrases that cite this source in running text (author names as the rows of <c>qbatt reproduce</c>
/// write them); the key itself always counts. Matched case-sensitively as whole words.
/// </param>
/// <param name="Note">A remark printed after the identifiers (e.g. the DOI of the book a chapter is in), or null.</param>
public sealed record Source(string Key, string Authors, string? Title, string Venue, int Year, string? Doi, string? ArXiv, IReadOnlyList<string> Mentions, string? Note = null)
{
    /// <summary>The identifiers as printed: <c>doi:...</c> and <c>arXiv:...</c>, whichever are known, joined by a space.</summary>
    public string Identifiers => string.Join(' ', new[] { Doi is null ? null : "doi:" + Doi, ArXiv is null ? null : "arXiv:" + ArXiv }.Where(s => s is not null));

    /// <summary>A link to the publication: the DOI resolver when the DOI is known, else the arXiv abstract page, else null.</summary>
    public string? Url => Doi is not null ? "https://doi.org/" + Doi : ArXiv is not null ? "https://arxiv.org/abs/" + ArXiv : null;

    /// <summary>The full citation on one line: authors, "title", venue (year), identifiers.</summary>
    public string Citation
    {
        get
        {
            var sb = new StringBuilder(Authors);
            if (Title is not null) sb.Append(", \"").Append(Title).Append('"');
            sb.Append(", ").Append(Venue).Append(" (").Append(Year).Append(')');
            if (Identifiers.Length > 0) sb.Append(", ").Append(Identifiers);
            if (Note is not null) sb.Append("; ").Append(Note);
            return sb.ToString();
        }
    }

    /// <summary>True when <paramref name="text"/> cites this source: its key or one of <see cref="Mentions"/> as a whole word.</summary>
    public bool IsCitedIn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ContainsWord(text, Key) || Mentions.Any(m => ContainsWord(text, m));
    }

    private static bool ContainsWord(string text, string phrase)
    {
        for (var at = text.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = text.IndexOf(phrase, at + 1, StringComparison.Ordinal))
        {
            var end = at + phrase.Length;
            if ((at == 0 || !IsWordChar(text[at - 1]) || !IsWordChar(phrase[0]))
                && (end == text.Length || !IsWordChar(text[end]) || !IsWordChar(phrase[^1])))
                return true;
        }
        return false;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}

/// <summary>
/// The registry of every source QBatt implements (docs/BIBLIOGRAPHY.md lists the same entries):
/// the two source texts [Rev] and [PRL], the papers behind the physics items R1-R19 of
/// docs/PHYSICS.md, and the numerical methods. An explicit list; nothing registers itself.
/// </summary>
public static class Sources
{
    /// <summary>[Rev] The review chapter "Quantum Batteries", one of the two source texts (book DOI in <see cref="Source.Venue"/>).</summary>
    public static Source Review { get; } = new("Rev", "F. Campaioli, F. A. Pollock, S. Vinjanampathy", "Quantum Batteries",
        "in F. Binder, L. A. Correa, C. Gogolin, J. Anders, G. Adesso (eds.), Thermodynamics in the Quantum Regime: Fundamental Aspects and New Directions (Springer, Cham)",
        2018, null, "1805.05507", [], "the book: doi:10.1007/978-3-319-99046-0");

    /// <summary>[PRL] "Enhancing the Charging Power of Quantum Batteries", the other source text.</summary>
    public static Source Prl { get; } = new("PRL", "F. Campaioli, F. A. Pollock, F. C. Binder, L. Céleri, J. Goold, S. Vinjanampathy, K. Modi",
        "Enhancing the Charging Power of Quantum Batteries", "Phys. Rev. Lett. 118, 150601", 2017, "10.1103/PhysRevLett.118.150601", "1612.04991", []);

    /// <summary>Every source, the two source texts first, then in the order of docs/BIBLIOGRAPHY.md.</summary>
    public static IReadOnlyList<Source> All { get; } =
    [
        Review,
        Prl,
        // work extraction, passivity (R2-R5)
        new("ABN04", "A. E. Allahverdyan, R. Balian, Th. M. Nieuwenhuizen", "Maximal work extraction from finite quantum systems",
            "Europhys. Lett. 67, 565", 2004, "10.1209/epl/i2004-10101-2", "cond-mat/0401574", ["Allahverdyan"]),
        new("PW78", "W. Pusz, S. L. Woronowicz", "Passive states and KMS states for general quantum systems",
            "Commun. Math. Phys. 58, 273-290", 1978, "10.1007/BF01614224", null, ["Pusz-Woronowicz", "Pusz"]),
        new("Len78", "A. Lenard", "Thermodynamical proof of the Gibbs formula for elementary quantum systems",
            "J. Stat. Phys. 19, 575-586", 1978, "10.1007/BF01011769", null, ["Lenard"]),
        new("AF13", "R. Alicki, M. Fannes", "Entanglement boost for extractable work from ensembles of quantum batteries",
            "Phys. Rev. E 87, 042123", 2013, "10.1103/PhysRevE.87.042123", "1211.1209", ["Alicki"]),
        new("HPHA13", "K. V. Hovhannisyan, M. Perarnau-Llobet, M. Huber, A. Acín", "Entanglement Generation is Not Necessary for Optimal Work Extraction",
            "Phys. Rev. Lett. 111, 240401", 2013, "10.1103/PhysRevLett.111.240401", "1303.4686", ["Hovhannisyan"]),
        // charging power, advantage, separable balls, speed limits (R7-R11)
        new("BVMG15", "F. C. Binder, S. Vinjanampathy, K. Modi, J. Goold", "Quantacell: powerful charging of quantum batteries",
            "New J. Phys. 17, 075015", 2015, null, null, ["Binder et al.", "Quantacell"]),
        new("GB02", "L. Gurvits, H. Barnum", "Largest separable balls around the maximally mixed bipartite quantum state",
            "Phys. Rev. A 66, 062311", 2002, "10.1103/PhysRevA.66.062311", "quant-ph/0204159", ["Gurvits-Barnum"]),
        new("GB04", "L. Gurvits, H. Barnum", null, "arXiv preprint",
            2004, null, "quant-ph/0409095", ["Gurvits-Barnum"]),
        new("Hil06", "R. Hildebrand", "Separable balls around the maximally mixed state for a 3-qubit system",
            "arXiv preprint", 2006, null, "quant-ph/0601201", ["Hildebrand"]),
        new("MT45", "L. Mandelstam, I. Tamm", "The uncertainty relation between energy and time in non-relativistic quantum mechanics",
            "J. Phys. (USSR) 9, 249", 1945, "10.1007/978-3-642-74626-0_8", null, ["Mandelstam-Tamm", "Mandelstam"],
            "the DOI is that of the reprint in B. M. Bolotovskii, V. Y. Frenkel, R. Peierls (eds.), Selected Papers (Springer, Berlin, 1991), pp. 115-123"),
        new("ML98", "N. Margolus, L. B. Levitin", "The maximum speed of dynamical evolution",
            "Physica D 120, 188-195", 1998, "10.1016/S0167-2789(98)00054-2", "quant-ph/9710043", ["Margolus-Levitin", "Margolus"]),
        new("Uhl76", "A. Uhlmann", "The 'transition probability' in the state space of a *-algebra",
            "Rep. Math. Phys. 9, 273-279", 1976, "10.1016/0034-4877(76)90060-4", null, ["Uhlmann fidelity"]),
        new("Uhl92", "A. Uhlmann", "An energy dispersion estimate",
            "Phys. Lett. A 161, 329", 1992, "10.1016/0375-9601(92)90555-Z", null, ["Uhlmann's bound", "Mandelstam-Tamm for mixed states"]),
        new("TK84", "H. Tal-Ezer, R. Kosloff", "An accurate and efficient scheme for propagating the time dependent Schrödinger equation",
            "J. Chem. Phys. 81, 3967-3971", 1984, "10.1063/1.448136", null, ["Chebyshev propagator"]),
        // models (R12-R15)
        new("Fer18", "D. Ferraro, M. Campisi, G. M. Andolina, V. Pellegrini, M. Polini", "High-Power Collective Charging of a Solid-State Quantum Battery",
            "Phys. Rev. Lett. 120, 117702", 2018, "10.1103/PhysRevLett.120.117702", null, ["Ferraro"]),
        new("Le18", "T. P. Le, J. Levinsen, K. Modi, M. M. Parish, F. A. Pollock", "Spin-chain model of a many-body quantum battery",
            "Phys. Rev. A 97, 022106", 2018, "10.1103/PhysRevA.97.022106", null, ["Le et al."]),
        new("FH18", "N. Friis, M. Huber", "Precision and Work Fluctuations in Gaussian Battery Charging",
            "Quantum 2, 61", 2018, null, "1708.00749", ["Friis"]),
        new("MSS01", "Y. Makhlin, G. Schön, A. Shnirman", "Quantum-state engineering with Josephson-junction devices",
            "Rev. Mod. Phys. 73, 357", 2001, "10.1103/RevModPhys.73.357", null, ["Makhlin"]),
        // open systems (R6, R16)
        new("Lin76", "G. Lindblad", "On the generators of quantum dynamical semigroups",
            "Commun. Math. Phys. 48, 119-130", 1976, "10.1007/BF01608499", null, ["Lindblad"]),
        new("GKS76", "V. Gorini, A. Kossakowski, E. C. G. Sudarshan", "Completely positive dynamical semigroups of N-level systems",
            "J. Math. Phys. 17, 821-825", 1976, "10.1063/1.522979", null, ["Gorini"]),
        new("BP02", "H.-P. Breuer, F. Petruccione", "The Theory of Open Quantum Systems",
            "Oxford University Press, Oxford", 2002, "10.1093/acprof:oso/9780199213900.001.0001", null, ["Breuer", "Petruccione"]),
        new("Dic54", "R. H. Dicke", "Coherence in Spontaneous Radiation Processes",
            "Phys. Rev. 93, 99", 1954, "10.1103/PhysRev.93.99", null, ["superradiance"]),
        new("QM20", "J. Q. Quach, W. J. Munro", "Using Dark States to Charge and Stabilize Open Quantum Batteries",
            "Phys. Rev. Applied 14, 024092", 2020, "10.1103/PhysRevApplied.14.024092", null, ["Quach"]),
        // optimal control (R17)
        new("Kha05", "N. Khaneja, T. Reiss, C. Kehlet, T. Schulte-Herbrüggen, S. J. Glaser",
            "Optimal control of coupled spin dynamics: design of NMR pulse sequences by gradient ascent algorithms",
            "J. Magn. Reson. 172, 296-305", 2005, "10.1016/j.jmr.2004.11.004", null, ["GRAPE", "Khaneja"]),
        new("Maz22", "F. Mazzoncini, V. Cavina, G. M. Andolina, P. A. Erdman, V. Giovannetti", "Optimal Control Methods for Quantum Batteries",
            "arXiv preprint", 2022, null, "2210.04028", ["Mazzoncini"]),
        new("EPS24", "V. Evangelakos, E. Paspalakis, D. Stefanatos", "Fast charging of an Ising spin pair quantum battery using optimal control",
            "Phys. Rev. A 110, 052601", 2024, "10.1103/PhysRevA.110.052601", "2412.17087", ["Evangelakos"]),
        // the ergotropy family (R18)
        new("Yang23", "X. Yang, Y.-H. Yang, M. Alimuddin, R. Salvia, S.-M. Fei, L.-M. Zhao, S. Nimmrichter, M.-X. Luo",
            "The battery capacity of energy-storing quantum systems", "Phys. Rev. Lett. 131, 030402", 2023,
            "10.1103/PhysRevLett.131.030402", "2302.09905", ["Yang et al."]),
        new("Fra17", "G. Francica, J. Goold, F. Plastina, M. Paternostro", "Daemonic ergotropy: enhanced work extraction from quantum correlations",
            "npj Quantum Inf. 3, 12", 2017, null, "1608.00124", ["Francica"]),
        new("Ber19", "F. Bernards, M. Kleinmann, O. Gühne, M. Paternostro", "Daemonic Ergotropy: Generalised Measurements and Multipartite Settings",
            "Entropy 21, 771", 2019, "10.3390/e21080771", null, ["Bernards"]),
        new("SRB23", "D. Šafránek, D. Rosa, F. C. Binder", "Work extraction from unknown quantum sources",
            "Phys. Rev. Lett. 130, 210401", 2023, "10.1103/PhysRevLett.130.210401", null, ["Šafránek", "Safranek"]),
        new("AGP19", "M. Alimuddin, T. Guha, P. Parashar", "Bound on ergotropic gap for bipartite separable states",
            "Phys. Rev. A 99, 052320", 2019, "10.1103/PhysRevA.99.052320", "1902.04869", ["Alimuddin"]),
        new("SDG22", "R. Salvia, G. De Palma, V. Giovannetti", "Optimal local work extraction from bipartite quantum systems in the presence of Hamiltonian couplings",
            "arXiv preprint", 2022, null, "2206.14842", ["Salvia"]),
        new("CFGA24", "R. Castellano, D. Farina, V. Giovannetti, A. Acín", "Extended local ergotropy",
            "Phys. Rev. Lett. 133, 150402", 2024, "10.1103/PhysRevLett.133.150402", "2401.10996", ["Castellano"]),
        // further battery models (R19)
        new("Ros20", "D. Rossini, G. M. Andolina, D. Rosa, M. Carrega, M. Polini", "Quantum Advantage in the Charging Process of Sachdev-Ye-Kitaev Batteries",
            "Phys. Rev. Lett. 125, 236402", 2020, "10.1103/PhysRevLett.125.236402", "1912.07234", ["Rossini", "SYK"]),
        new("Sac15", "S. Sachdev", "Bekenstein-Hawking Entropy and Strange Metals",
            "Phys. Rev. X 5, 041025", 2015, "10.1103/PhysRevX.5.041025", "1506.05111", []),
        new("TC68", "M. Tavis, F. W. Cummings", "Exact Solution for an N-Molecule-Radiation-Field Hamiltonian",
            "Phys. Rev. 170, 379", 1968, "10.1103/PhysRev.170.379", null, []),
        new("Cre20", "A. Crescente, M. Carrega, M. Sassetti, D. Ferraro", "Ultrafast charging in a two-photon Dicke quantum battery",
            "Phys. Rev. B 102, 245407", 2020, "10.1103/PhysRevB.102.245407", "2009.09791", ["Crescente"]),
        new("AEK08", "T. E. Abrudan, J. Eriksson, V. Koivunen", "Steepest descent algorithms for optimization under unitary matrix constraint",
            "IEEE Trans. Signal Process. 56, 1134-1147", 2008, "10.1109/TSP.2007.908999", null, ["Abrudan"]),
        new("HJ13", "R. A. Horn, C. R. Johnson", "Matrix Analysis, 2nd ed.",
            "Cambridge University Press", 2013, "10.1017/CBO9781139020411", null, []),
        new("Hor87", "B. K. P. Horn", "Closed-form solution of absolute orientation using unit quaternions",
            "J. Opt. Soc. Am. A 4, 629-642", 1987, "10.1364/JOSAA.4.000629", null, ["Horn"]),
        new("RMP24", "F. Campaioli et al.", "Colloquium: Quantum batteries",
            "Rev. Mod. Phys. 96, 031001", 2024, "10.1103/RevModPhys.96.031001", "2308.02277", []),
        // numerical methods
        new("Saad92", "Y. Saad", "Analysis of some Krylov subspace approximations to the matrix exponential operator",
            "SIAM J. Numer. Anal. 29, 209-228", 1992, "10.1137/0729014", null, ["Saad"]),
        new("HL97", "M. Hochbruck, C. Lubich", "On Krylov subspace approximations to the matrix exponential operator",
            "SIAM J. Numer. Anal. 34, 1911-1925", 1997, "10.1137/S0036142995280572", null, ["Hochbruck"]),
        new("Sid98", "R. B. Sidje", "Expokit: a software package for computing matrix exponentials",
            "ACM Trans. Math. Softw. 24, 130-156", 1998, "10.1145/285861.285868", null, ["Expokit", "Sidje"]),
        new("Hig05", "N. J. Higham", "The scaling and squaring method for the matrix exponential revisited",
            "SIAM J. Matrix Anal. Appl. 26, 1179-1193", 2005, "10.1137/04061101X", null, ["Higham 2005"]),
        new("AMH11", "A. H. Al-Mohy, N. J. Higham", "Computing the action of the matrix exponential, with an application to exponential integrators",
            "SIAM J. Sci. Comput. 33, 488-511", 2011, "10.1137/100788860", null, ["Al-Mohy"]),
        new("HNW93", "E. Hairer, S. P. Nørsett, G. Wanner", "Solving Ordinary Differential Equations I: Nonstiff Problems",
            "2nd ed., Springer Series in Computational Mathematics 8 (Springer, Berlin)", 1993, "10.1007/978-3-540-78862-1", null, ["Hairer", "DOP853", "DOPRI5"]),
        new("San10", "A. W. Sandvik", "Computational Studies of Quantum Spin Systems",
            "AIP Conf. Proc. 1297, 135-338", 2010, null, "1101.3281", ["Sandvik"]),
        // the peer used as a test oracle and in benchmarks
        new("JNN12", "J. R. Johansson, P. D. Nation, F. Nori", "QuTiP: An open-source Python framework for the dynamics of open quantum systems",
            "Comput. Phys. Commun. 183, 1760-1772", 2012, "10.1016/j.cpc.2012.02.021", "1110.0573", ["QuTiP"]),
        new("JNN13", "J. R. Johansson, P. D. Nation, F. Nori", "QuTiP 2: A Python framework for the dynamics of open quantum systems",
            "Comput. Phys. Commun. 184, 1234-1240", 2013, "10.1016/j.cpc.2012.11.019", null, ["QuTiP"]),
    ];

    /// <summary>The source with the given key (without brackets; case-sensitive, e.g. <c>PRL</c>).</summary>
    /// <exception cref="ValidationException">No source has that key; the message lists the known keys.</exception>
    public static Source Get(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return All.FirstOrDefault(s => s.Key == key)
            ?? throw new ValidationException("Sources.Get", "key", $"one of {string.Join(", ", All.Select(s => s.Key))}", $"'{key}'");
    }

    /// <summary>The sources cited anywhere in <paramref name="texts"/> (<see cref="Source.IsCitedIn"/>), each once, in registry order.</summary>
    public static IReadOnlyList<Source> CitedIn(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var all = texts.ToList();
        return [.. All.Where(s => all.Any(s.IsCitedIn))];
    }
}
