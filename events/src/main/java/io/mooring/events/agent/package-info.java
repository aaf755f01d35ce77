/**
 * What the cluster agent sends to the platform and receives from it over HTTP. Defined once here so the
 * agent and the services that receive these reports share the same types.
 */
package io.mooring.events.agent;
