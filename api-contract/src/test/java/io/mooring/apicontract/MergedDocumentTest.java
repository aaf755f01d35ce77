package io.mooring.apicontract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The committed docs/api/openapi/mooring.yaml is the merge of the committed service documents, and usable by a client. */
class MergedDocumentTest {

    private static final Path DIRECTORY = Path.of("..", "docs", "api", "openapi");

    @Test
    void theCommittedMergedDocumentIsTheMergeOfTheCommittedServiceDocuments() throws IOException {
        String merge = MergedDocument.render(DIRECTORY);
        Path committed = DIRECTORY.resolve(MergedDocument.FILE_NAME);
        if (Boolean.getBoolean(MergedDocument.WRITE)) {
            Files.writeString(committed, merge);
        }
        assertThat(committed).as("the merged document; generate it with " + MergedDocument.REGENERATE).exists();
        assertThat(Files.readString(committed))
                .as("%s is not the merge of the service documents; regenerate with %s", committed, MergedDocument.REGENERATE)
                .isEqualTo(merge);
    }

    @Test
    void noTwoOperationsOfTheWholeApiShareAnOperationId() {
        assertThat(OpenApiMerge.duplicateOperationIds(MergedDocument.read(DIRECTORY.resolve(MergedDocument.FILE_NAME))))
                .as("operationIds used by more than one operation").isEmpty();
    }

    @Test
    void everyServiceDocumentInTheFolderIsPartOfTheMerge() throws IOException {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            List<String> services = files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals(MergedDocument.FILE_NAME))
                    .map(name -> name.substring(0, name.length() - ".yaml".length())).toList();
            assertThat(ApiServices.ALL).as("ApiServices.ALL, against the documents in " + DIRECTORY)
                    .containsExactlyInAnyOrderElementsOf(services);
        }
    }
}
