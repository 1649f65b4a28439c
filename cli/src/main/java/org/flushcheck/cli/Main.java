package org.flushcheck.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.flushcheck.scenario.ScenarioException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.ScopeType;

/**
 * {@code flushcheck}: verify every design against the scenarios, run one scenario, fuzz
 * generated ones, reproduce a hang report, list and explain designs.
 *
 * Exit codes: 0 = every verdict as expected; 1 = a verdict the scenario does not expect
 * (fuzz: a finding; or a model run that broke); 2 = bad input (unknown design, kernel or field, malformed
 * scenario or report, impossible size), always one line on stderr, never a stack trace;
 * 3 = no verdict: Lincheck, whose invocations have a wall-clock limit, could not decide.
 *
 * <p>{@code --help}/{@code -h} and {@code --version}/{@code -V} and the exit-code list are
 * inherited by every subcommand ({@code scope = INHERIT}), so a new command has them
 * without asking; {@code help [COMMAND]} is picocli's {@code HelpCommand}.
 */
@Command(name = "flushcheck", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Verifies deadlock-prone writeback lock designs of the OpenAFS Linux cache manager.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every verdict as expected (or help printed)",
            "1:a verdict the scenario does not expect (verify, run), a finding (fuzz), the reported hang"
                + " not reached (reproduce), or a model run that broke",
            "2:bad input (unknown name or option, malformed scenario or report): one line on stderr",
            "3:no verdict (run --explore lincheck: Lincheck's invocation wall clock tripped, or Lincheck failed"
                + " in its own code): INCONCLUSIVE, never a finding"},
        subcommands = {VerifyCommand.class, RunCommand.class, FuzzCommand.class, ReproduceCommand.class,
            DesignsCommand.class, ExplainCommand.class, CompletionCommand.class, HelpCommand.class})
public final class Main implements Runnable {

    /** Exit code: a verdict differs from what was expected. */
    static final int UNEXPECTED = 1;
    /** Exit code: bad input. */
    static final int BAD_INPUT = 2;
    /** Exit code: an engine bounded by the host's clock could not decide (INCONCLUSIVE). */
    static final int INCONCLUSIVE = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: verify, run, fuzz, reproduce,"
                + " designs, explain, completion or help (flushcheck --help)");
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = execute(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the command line with these streams; returns the exit code. */
    static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("flushcheck: " + ex.getMessage());
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, r) -> {
            if (ex instanceof ScenarioException || ex instanceof IllegalArgumentException) {
                err.println("flushcheck: " + ex.getMessage());
                return BAD_INPUT;
            }
            err.println("flushcheck: the model run broke: " + ex);
            return UNEXPECTED;
        });
        return cl.execute(args);
    }
}
