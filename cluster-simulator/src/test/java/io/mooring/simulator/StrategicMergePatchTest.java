package io.mooring.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

class StrategicMergePatchTest {

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) Serialization.jsonMapper().readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static final String DEPLOYMENT = """
            {'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'shop','labels':{'app':'shop','team':'x'}},
             'spec':{'template':{'spec':{'containers':[
               {'name':'shop','image':'shop:1','env':[{'name':'A','value':'1'},{'name':'B','value':'2'}]},
               {'name':'sidecar','image':'sidecar:1'}],
               'volumes':[{'name':'tmp','emptyDir':{}}]}}}}""";

    @Test
    void listsWithAMergeKeyAreMergedElementByElement() {
        ObjectNode patched = StrategicMergePatch.strategic(json(DEPLOYMENT), json("""
                {'metadata':{'labels':{'team':null}},
                 'spec':{'template':{'spec':{'containers':[{'name':'shop','image':'shop:2',
                   'env':[{'name':'B','value':'20'},{'name':'A','$patch':'delete'},{'name':'C','value':'3'}]}]}}}}"""));

        assertThat(patched.path("metadata").path("labels").has("team")).isFalse();
        JsonNode containers = patched.path("spec").path("template").path("spec").path("containers");
        assertThat(containers).hasSize(2);
        assertThat(containers.get(0).path("image").asText()).isEqualTo("shop:2");
        assertThat(containers.get(0).path("env").toString()).isEqualTo(json("{'x':[{'name':'B','value':'20'},{'name':'C','value':'3'}]}")
                .get("x").toString());
        assertThat(containers.get(1).path("name").asText()).isEqualTo("sidecar");
    }

    @Test
    void theDirectivesOrderRetainAndReplace() {
        ObjectNode patched = StrategicMergePatch.strategic(json(DEPLOYMENT), json("""
                {'spec':{'template':{'spec':{
                   '$setElementOrder/containers':[{'name':'sidecar'},{'name':'shop'}],
                   'volumes':[{'name':'tmp','$retainKeys':['name','configMap'],'configMap':{'name':'settings'}}],
                   'containers':[{'name':'sidecar','image':'sidecar:2'}]}}}}"""));

        JsonNode spec = patched.path("spec").path("template").path("spec");
        assertThat(spec.path("containers").get(0).path("name").asText()).isEqualTo("sidecar");
        assertThat(spec.path("containers").get(0).path("image").asText()).isEqualTo("sidecar:2");
        assertThat(spec.path("containers").get(1).path("name").asText()).isEqualTo("shop");
        assertThat(spec.path("volumes").get(0).has("emptyDir")).isFalse();
        assertThat(spec.path("volumes").get(0).path("configMap").path("name").asText()).isEqualTo("settings");
        assertThat(spec.has("$setElementOrder/containers")).isFalse();

        ObjectNode replaced = StrategicMergePatch.strategic(json(DEPLOYMENT), json("""
                {'metadata':{'labels':{'$patch':'replace','app':'shop2'}}}"""));
        assertThat(replaced.path("metadata").path("labels").toString()).isEqualTo("{\"app\":\"shop2\"}");
    }

    @Test
    void aListWithoutAMergeKeyAndAnUnknownKindAreReplacedAsInAMergePatch() {
        ObjectNode role = json("{'apiVersion':'rbac.authorization.k8s.io/v1','kind':'Role','metadata':{'name':'r'},"
                + "'rules':[{'verbs':['get']},{'verbs':['list']}]}");
        assertThat(StrategicMergePatch.strategic(role, json("{'rules':[{'verbs':['watch']}]}")).path("rules")).hasSize(1);

        ObjectNode custom = json("{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w'},"
                + "'spec':{'parts':[{'name':'a'},{'name':'b'}],'size':1}}");
        ObjectNode patched = StrategicMergePatch.strategic(custom, json("{'spec':{'parts':[{'name':'c'}],'size':null}}"));
        assertThat(patched.path("spec").path("parts")).hasSize(1);
        assertThat(patched.path("spec").has("size")).isFalse();
    }

    @Test
    void aMergePatchMergesObjectsDeletesNullsAndReplacesLists() {
        JsonNode patched = StrategicMergePatch.mergePatch(json(DEPLOYMENT), json("""
                {'metadata':{'labels':{'team':null,'tier':'web'}},'spec':{'template':{'spec':{'volumes':[]}}}}"""));

        assertThat(patched.path("metadata").path("labels").toString()).isEqualTo("{\"app\":\"shop\",\"tier\":\"web\"}");
        assertThat(patched.path("spec").path("template").path("spec").path("volumes")).isEmpty();
        assertThat(patched.path("spec").path("template").path("spec").path("containers")).hasSize(2);
    }
}
