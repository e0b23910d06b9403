package io.github.itopdata.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * iTop's demonstration data as CSV files, read from the shared folder named by the system
 * property {@code itop.shared.dir}. A test that calls {@link #csvDirectory()} is skipped, with
 * the reason, where the files are absent.
 */
public final class DemoData {

    /** File name, class and reconciliation keys of each file, in load order. */
    public static final List<String[]> FILES = List.of(
            new String[] {"01-Organization.csv", "Organization", "name"},
            new String[] {"02-Location.csv", "Location", "name,org_id->name"},
            new String[] {"03-ContactType.csv", "ContactType", "name"},
            new String[] {"04-Person.csv", "Person", "name,first_name,org_id->name"},
            new String[] {"05-Team.csv", "Team", "name,org_id->name"},
            new String[] {"06-lnkPersonToTeam.csv", "lnkPersonToTeam", "team_id->name,person_id->name"},
            new String[] {"07-Brand.csv", "Brand", "name"},
            new String[] {"08-Model.csv", "Model", "name,brand_id->name"},
            new String[] {"09-OSFamily.csv", "OSFamily", "name"},
            new String[] {"10-OSVersion.csv", "OSVersion", "name,osfamily_id->name"},
            new String[] {"11-NetworkDeviceType.csv", "NetworkDeviceType", "name"},
            new String[] {"12-Software.csv", "Software", "name,version,vendor"},
            new String[] {"13-Rack.csv", "Rack", "name,org_id->name"},
            new String[] {"14-Server.csv", "Server", "name,org_id->name"},
            new String[] {"15-NetworkDevice.csv", "NetworkDevice", "name,org_id->name"},
            new String[] {"16-Farm.csv", "Farm", "name,org_id->name"},
            new String[] {"17-Hypervisor.csv", "Hypervisor", "name,org_id->name"},
            new String[] {"18-VirtualMachine.csv", "VirtualMachine", "name,org_id->name"},
            new String[] {"19-DBServer.csv", "DBServer", "name,org_id->name,system_id->name"},
            new String[] {"20-DatabaseSchema.csv", "DatabaseSchema", "name,org_id->name"},
            new String[] {"21-WebServer.csv", "WebServer", "name,org_id->name,system_id->name"},
            new String[] {"22-WebApplication.csv", "WebApplication", "name,org_id->name"},
            new String[] {"23-ApplicationSolution.csv", "ApplicationSolution", "name,org_id->name"},
            new String[] {"24-lnkApplicationSolutionToFunctionalCI.csv", "lnkApplicationSolutionToFunctionalCI",
                    "applicationsolution_id->name,functionalci_id->name"});

    private DemoData() {
    }

    /** Returns the folder of the demonstration CSV files, or skips the calling test when it is absent. */
    public static Path csvDirectory() {
        String shared = System.getProperty("itop.shared.dir");
        assumeTrue(shared != null, "system property itop.shared.dir is not set");
        Path directory = Path.of(shared, "data", "itop-sample", "csv");
        assumeTrue(Files.isDirectory(directory), "iTop's sample CSV files are not at " + directory);
        return directory;
    }
}
