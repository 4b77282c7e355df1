using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Docs;

/// <summary>
/// Every C# snippet in the README compiles against the library as a user's new console project would see it (the SDK's
/// implicit usings, nothing else): a snippet that lacks a using or calls an overload that does not exist fails here.
/// The snippets' free variable <c>data</c> (the text says what it may be) is declared before each.
/// </summary>
public partial class ReadmeSnippetTests
{
    /// <summary>What `dotnet new console` puts in scope (ImplicitUsings).</summary>
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    /// <summary>The README's data, fully qualified so that it brings no using into the snippet.</summary>
    private const string Prelude = "IEnumerable<double> data = GreatModel.Files.Input.ExampleData.Load().Values;\n";

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    public static TheoryData<int> Snippets() => [.. Enumerable.Range(0, CSharpBlock().Matches(Readme()).Count)];

    private static string Readme() => RepositoryFiles.Text("README.md");

    [Fact]
    public void TheReadmeHasLibrarySnippets() => Assert.True(CSharpBlock().Matches(Readme()).Count >= 2);

    [Theory]
    [MemberData(nameof(Snippets))]
    public void CompilesAgainstTheLibrary(int index)
    {
        string snippet = CSharpBlock().Matches(Readme())[index].Groups[1].Value;
        // A using directive must come before statements: the snippet's own go first, then the prelude, then its code.
        var lines = snippet.Split('\n');
        bool IsDirective(string l) => Regex.IsMatch(l, @"^using [A-Za-z.]+;\s*$");
        string source = string.Join('\n', lines.Where(IsDirective)) + "\n" + Prelude + string.Join('\n', lines.Where(l => !IsDirective(l)));
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create($"ReadmeSnippet{index}",
            [CSharpSyntaxTree.ParseText(ImplicitUsings), CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            references, new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var output = new MemoryStream();
        var errors = compilation.Emit(output).Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        Assert.True(errors.Count == 0, $"README snippet {index + 1} does not compile:\n{string.Join('\n', errors)}\n--- source ---\n{source}");
    }
}
