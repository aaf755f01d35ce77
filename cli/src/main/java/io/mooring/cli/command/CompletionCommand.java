package io.mooring.cli.command;

import io.mooring.cli.ExitCodes;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "completion", description = {"Print the shell completion script.",
        "bash: source <(mooring completion bash)",
        "zsh:  autoload -U +X compinit && compinit; autoload -U +X bashcompinit && bashcompinit;"
                + " source <(mooring completion zsh)"})
public final class CompletionCommand extends ApiCommand {

    @Parameters(paramLabel = "SHELL", arity = "0..1", defaultValue = "bash", description = "bash (default) or zsh.")
    Shell shell;

    /** picocli's script serves both: under zsh it runs through bashcompinit. */
    enum Shell { bash, zsh }

    @Override
    public Integer call() {
        cli().out().print(AutoComplete.bash("mooring", spec.root().commandLine()));
        cli().out().flush();
        return ExitCodes.OK;
    }
}
