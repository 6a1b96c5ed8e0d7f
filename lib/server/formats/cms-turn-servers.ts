import "server-only";

// CMS turnServers (C5, V4). List, detail and status paths and the detail fields are [C] (CMS API
// reference 2.0 §10.7; TAC 210800/211301 — the detail never returns the password).
// Status: "zero, one or more <host> child nodes" with address, mappedAddress, mappedPortNumber,
// numAllocations [C]; the round-trip time is shown by CMS [C] but its element name is
// [I] INFERRED, correct me with a real payload: `roundTripTime` (ms), and `portNumber`.
// The status root element is unconfirmed too, so the parser only looks for <host> descendants:
//   <turnServer id="…"><host><address>10.0.0.36</address><portNumber>3478</portNumber>
//     <roundTripTime>3</roundTripTime><mappedAddress>10.0.0.20</mappedAddress>
//     <mappedPortNumber>50123</mappedPortNumber><numAllocations>2</numAllocations></host></turnServer>
export const TURN_SERVER = {
  serverAddress: "serverAddress",
  clientAddress: "clientAddress",
  username: "username",
  type: "type",
  tcpPortNumberOverride: "tcpPortNumberOverride",
  numRegistrations: "numRegistrations",
} as const;

export const TURN_STATUS = {
  host: "host",
  address: "address",
  portNumber: "portNumber",
  roundTripTime: "roundTripTime",
  mappedAddress: "mappedAddress",
  mappedPortNumber: "mappedPortNumber",
  numAllocations: "numAllocations",
} as const;

export const turnServerPath = (id: string) => `/api/v1/turnServers/${encodeURIComponent(id)}`;
export const turnServerStatusPath = (id: string) => `${turnServerPath(id)}/status`;
