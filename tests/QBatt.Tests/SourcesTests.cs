using System.Reflection;
using System.Text.RegularExpressions;
using QBatt.Tests.Docs;
using YamlDotNet.RepresentationModel;

namespace QBatt.Tests;

public partial class SourcesTests
{
    [Fact]
    public void Keys_are_unique_and_identifiers_well_formed()
    {
        Assert.Equal(Sources.All.Count, Sources.All.Select(s => s.Key).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Sources.All.Count, Sources.All.Select(s => s.Key).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (var s in Sources.All)
        {
            Assert.Matches(KeyRegex(), s.Key);
            Assert.False(string.IsNullOrWhiteSpace(s.Authors), s.Key);
            Assert.False(string.IsNullOrWhiteSpace(s.Venue), s.Key);
            Assert.InRange(s.Year, 1900, 2100);
            if (s.Doi is not null) Assert.Matches(DoiRegex(), s.Doi);
            if (s.ArXiv is not null) Assert.Matches(ArXivRegex(), s.ArXiv);
            if (s.Doi is not null && s.Doi.StartsWith("10.1103/", StringComparison.Ordinal))
            {
                // APS DOIs are the journal reference: 10.1103/PhysRevLett.118.150601 <-> Phys. Rev. Lett. 118, 150601
                var m = ApsVenueRegex().Match(s.Venue);
                Assert.True(m.Success, $"{s.Key}: APS venue '{s.Venue}'");
                var journal = m.Groups[1].Value.Replace(". ", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
                Assert.Equal($"10.1103/{journal}.{m.Groups[2].Value}.{m.Groups[3].Value}", s.Doi);
            }
        }
        Assert.Equal("Rev", Sources.All[0].Key);
        Assert.Equal("PRL", Sources.All[1].Key);
    }

    [Fact]
    public void The_two_source_texts_carry_their_identifiers()
    {
        Assert.Same(Sources.Prl, Sources.Get("PRL"));
        Assert.Equal("10.1103/PhysRevLett.118.150601", Sources.Prl.Doi);
        Assert.Equal("1612.04991", Sources.Prl.ArXiv);
        Assert.Equal("https://doi.org/10.1103/PhysRevLett.118.150601", Sources.Prl.Url);
        Assert.Equal("1805.05507", Sources.Review.ArXiv);
        Assert.Null(Sources.Review.Doi);
        Assert.Equal("https://arxiv.org/abs/1805.05507", Sources.Review.Url);
        Assert.Equal(
            "F. Campaioli, F. A. Pollock, F. C. Binder, L. Céleri, J. Goold, S. Vinjanampathy, K. Modi, \"Enhancing the Charging Power of Quantum Batteries\", " +
            "Phys. Rev. Lett. 118, 150601 (2017), doi:10.1103/PhysRevLett.118.150601 arXiv:1612.04991",
            Sources.Prl.Citation);
        Assert.EndsWith("arXiv:1805.05507; the book: doi:10.1007/978-3-319-99046-0", Sources.Review.Citation, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_key_is_refused_with_the_known_keys()
    {
        var e = Assert.Throws<ValidationException>(() => Sources.Get("prl"));
        Assert.Contains("'prl'", e.Message, StringComparison.Ordinal);
        Assert.Contains("PRL", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Rev Fig. 2", "Rev")]
    [InlineData("Rev eq. (26): 'in the limit of large n'", "Rev")]
    [InlineData("PRL Proposition 1 (R10: exact 1/sqrt(12) at N = 2, Hildebrand for N >= 3)", "PRL,Hil06")]
    [InlineData("Rev 'indirect path' and PRL", "Rev,PRL")]
    [InlineData("Rev [16, 17] (Pusz-Woronowicz, Lenard)", "Rev,PW78,Len78")]
    [InlineData("exact two-qubit radius 1/sqrt(12) (Gurvits-Barnum)", "GB02,GB04")]
    [InlineData("rigorous T_QSL (Mandelstam-Tamm for mixed states)", "MT45,Uhl92")]
    [InlineData("the spin-chain battery of Le et al.)", "Le18")]
    [InlineData("Review, Revision, PRLs, rev-fig2, prl-prop1, Alice, Lee et al.", "")]
    public void Citations_are_found_as_whole_words(string text, string keys) =>
        Assert.Equal(keys, string.Join(',', Sources.CitedIn([text]).Select(s => s.Key)));

    [Fact]
    public void Bibliography_page_and_registry_list_the_same_sources()
    {
        var root = LinkTests.RepositoryRoot();
        var bib = File.ReadAllText(Path.Combine(root, "docs", "BIBLIOGRAPHY.md"));
        var pageKeys = BibKeyRegex().Matches(bib).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(Sources.All.Select(s => s.Key).Order(StringComparer.Ordinal), pageKeys.Order(StringComparer.Ordinal));
        foreach (var s in Sources.All)
        {
            var row = bib.Split('\n').Single(l => l.Contains($"**[{s.Key}]**", StringComparison.Ordinal));
            if (s.Doi is not null) Assert.Contains($"doi:{s.Doi}](https://doi.org/{s.Doi})", row, StringComparison.Ordinal);
            if (s.ArXiv is not null) Assert.Contains($"arXiv:{s.ArXiv}](https://arxiv.org/abs/{s.ArXiv})", row, StringComparison.Ordinal);
            Assert.Contains(s.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), row, StringComparison.Ordinal);
            if (s.Title is not null) Assert.Contains(s.Title.Replace("*", "\\*", StringComparison.Ordinal), row, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_key_the_physics_reference_cites_is_in_the_registry()
    {
        var root = LinkTests.RepositoryRoot();
        var physics = File.ReadAllText(Path.Combine(root, "docs", "PHYSICS.md"));
        var cited = CitedKeyRegex().Matches(physics).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Contains("Rev", cited);
        Assert.Contains("PRL", cited);
        var unknown = cited.Where(k => Sources.All.All(s => s.Key != k)).ToList();
        Assert.True(unknown.Count == 0, "PHYSICS.md cites unknown keys: " + string.Join(", ", unknown));
        for (var i = 1; i <= 19; i++)
            Assert.Contains($"\n## R{i} ", physics, StringComparison.Ordinal);
    }

    [Fact]
    public void Citation_file_is_valid_cff_with_this_version_and_the_source_texts()
    {
        var root = LinkTests.RepositoryRoot();
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(root, "CITATION.cff"))) yaml.Load(reader);
        var doc = (YamlMappingNode)yaml.Documents[0].RootNode;
        string Scalar(YamlMappingNode m, string key) => ((YamlScalarNode)m[new YamlScalarNode(key)]).Value!;
        Assert.Equal("1.2.0", Scalar(doc, "cff-version"));
        Assert.Equal("software", Scalar(doc, "type"));
        foreach (var required in new[] { "message", "title", "authors" }) Assert.True(doc.Children.ContainsKey(new YamlScalarNode(required)), required);
        var version = typeof(Sources).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
        Assert.Equal(version, Scalar(doc, "version"));
        var refs = ((YamlSequenceNode)doc[new YamlScalarNode("references")]).Children.Cast<YamlMappingNode>().ToList();
        Assert.Contains(refs, r => r.Children.ContainsKey(new YamlScalarNode("doi")) && Scalar(r, "doi") == Sources.Prl.Doi);
        Assert.Contains(refs, r => r.Children.ContainsKey(new YamlScalarNode("collection-doi")) && Scalar(r, "collection-doi") == "10.1007/978-3-319-99046-0");
        var ids = refs.SelectMany(r => r.Children.TryGetValue(new YamlScalarNode("identifiers"), out var n) ? ((YamlSequenceNode)n).Children.Cast<YamlMappingNode>() : [])
            .Select(i => Scalar(i, "value")).ToList();
        Assert.Contains("arXiv:" + Sources.Review.ArXiv, ids);
        Assert.Contains("arXiv:" + Sources.Prl.ArXiv, ids);
    }

    [GeneratedRegex(@"^[A-Z][A-Za-z]*[0-9]*$")]
    private static partial Regex KeyRegex();

    [GeneratedRegex(@"^10\.\d{4,9}/\S+$")]
    private static partial Regex DoiRegex();

    [GeneratedRegex(@"^(\d{4}\.\d{4,5}|[a-z\-]+/\d{7})$")]
    private static partial Regex ArXivRegex();

    [GeneratedRegex(@"^(Phys\. Rev\. Lett\.|Phys\. Rev\. Applied|Phys\. Rev\. [A-EX]|Rev\. Mod\. Phys\.|Phys\. Rev\.) (\d+), (\d+)$")]
    private static partial Regex ApsVenueRegex();

    [GeneratedRegex(@"\*\*\[([A-Za-z]+[0-9]*)\]\*\*")]
    private static partial Regex BibKeyRegex();

    [GeneratedRegex(@"\[([A-Z][A-Za-z]*[0-9]*)\](?!\()")]
    private static partial Regex CitedKeyRegex();
}
