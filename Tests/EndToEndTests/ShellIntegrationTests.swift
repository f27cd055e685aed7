import CanonicalJSON
import Foundation
import LedgerTestSupport
import Testing

@testable import csp_ledger

/// What a command-line user expects of any tool: `--version`, shell completions and the
/// description a manual page is generated from, through the built binary.
@Suite struct ShellIntegrationTests {
    /// The names of the top-level subcommands, as the parser knows them.
    let subcommands = CSPLedger.configuration.subcommands.map { $0._commandName }

    func csp(_ arguments: String...) throws -> ProcessResult {
        try run(CLI.binary, arguments)
    }

    @Test func versionPrintsOneLineThatTheChangelogsCurrentSectionNames() throws {
        let result = try csp("--version")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "csp-ledger \(releaseVersion)\n")
        #expect(result.stderr.isEmpty)
        #expect(releaseVersion.split(separator: ".").count == 3 && releaseVersion.allSatisfy { $0.isNumber || $0 == "." })

        let changelog = try String(contentsOfFile: packageRoot + "/CHANGELOG.md", encoding: .utf8)
        let sections = changelog.components(separatedBy: "\n## ").dropFirst()
        let current = try #require(sections.first, "CHANGELOG.md has no section")
        #expect(current.hasPrefix("[Unreleased]"))
        #expect(current.contains("Version \(releaseVersion)"), "CHANGELOG.md's current section names the version --version prints")
    }

    @Test func theBashCompletionScriptOffersEveryTopLevelSubcommandAndTheirOptions() throws {
        guard let bash = which("bash") else {
            Issue.record("bash is needed to run the completion script")
            return
        }
        let result = try csp("--generate-completion-script", "bash")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("complete -o filenames -F _csp-ledger csp-ledger"))
        for name in subcommands {
            #expect(result.stdout.contains("_csp-ledger_\(name)()"), "a completion function for \(name)")
        }
        // Ask the script, as bash would on a tab, for the words after `csp-ledger ` and
        // after `csp-ledger log --li`.
        func complete(_ words: [String]) throws -> [String] {
            let script = """
                source <("$0" --generate-completion-script bash)
                COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
                _csp-ledger csp-ledger "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
                printf '%s\\n' "${COMPREPLY[@]}"
                """
            let completed = try run(bash, ["-c", script, CLI.binary] + words)
            #expect(completed.status == 0, "\(completed)")
            return completed.stdout.split(separator: "\n").map(String.init)
        }
        let offered = try complete(["csp-ledger", ""])
        #expect(Set(subcommands).isSubset(of: Set(offered)), "offered: \(offered)")
        #expect(try complete(["csp-ledger", "log", "--li"]) == ["--limit"])
    }

    @Test func zshAndFishCompletionScriptsAreProduced() throws {
        let zsh = try csp("--generate-completion-script", "zsh")
        #expect(zsh.status == 0, "\(zsh)")
        #expect(zsh.stdout.hasPrefix("#compdef csp-ledger\n"))
        let fish = try csp("--generate-completion-script", "fish")
        #expect(fish.status == 0, "\(fish)")
        #expect(fish.stdout.contains("complete -c 'csp-ledger'"))
        for name in subcommands {
            #expect(zsh.stdout.contains("'\(name):"), "zsh offers \(name)")
            #expect(fish.stdout.contains("-fa '\(name)'"), "fish offers \(name)")
        }
    }

    /// The manual page is made by the argument parser's `generate-manual` plugin, which
    /// builds the package and so cannot run inside its tests; what it reads is the
    /// binary's own description of its commands, checked here.
    @Test func theDescriptionTheManualIsGeneratedFromNamesEveryCommand() throws {
        let result = try csp("--experimental-dump-help")
        #expect(result.status == 0, "\(result)")
        guard case .object(let root) = try JSONValue.parse(result.stdout), case .object(let command) = root["command"],
            case .array(let children) = command["subcommands"]
        else {
            Issue.record("no command tree in \(result.stdout.prefix(200))")
            return
        }
        let names = children.compactMap { child -> String? in
            guard case .object(let fields) = child, case .string(let name) = fields["commandName"] else { return nil }
            return name
        }
        #expect(Set(subcommands).isSubset(of: Set(names)), "\(names)")
    }
}
