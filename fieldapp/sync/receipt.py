"""The hub's receipt for a push: its signed word that it holds a replica's
changes up to a sequence number, ending in a given chain hash.

The device keeps every receipt (table ``sync_receipt``). `fieldapp verify`
checks, offline, that each one is signed by the hub's key and that the local
audit chain still holds the receipted entry with that hash: a chain that was
edited and recomputed, cut short or wiped behind FieldApp's back no longer
does. The signed text is fixed here, for the hub (which signs) and the
device (which checks).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

FORMAT = "fieldapp-receipt-1"


@dataclass(frozen=True)
class Receipt:
    replica_id: str  # the journal device id the changes were numbered under
    device_seq: int  # the hub holds this replica's changes 1..device_seq
    hash: str  # the chain hash of entry (replica_id, device_seq) on the device
    device: str  # the hub's id of the enrolled device that pushed them
    issued_at: str
    hub_key: str  # the hub's Ed25519 public key, hex
    signature: str = ""  # hex

    def text(self) -> bytes:
        return "\x1f".join((FORMAT, self.replica_id, str(self.device_seq), self.hash, self.device,
                            self.issued_at, self.hub_key)).encode()

    def signed(self, key: Ed25519PrivateKey) -> Receipt:
        return Receipt(self.replica_id, self.device_seq, self.hash, self.device, self.issued_at, self.hub_key,
                       key.sign(self.text()).hex())

    def valid(self) -> bool:
        """Signed by the key it names (which verify compares with the hub's key kept on the device)."""
        try:
            Ed25519PublicKey.from_public_bytes(bytes.fromhex(self.hub_key)).verify(
                bytes.fromhex(self.signature), self.text())
        except (InvalidSignature, ValueError):
            return False
        return True

    def to_wire(self) -> dict[str, Any]:
        return {"replica_id": self.replica_id, "device_seq": self.device_seq, "hash": self.hash,
                "device": self.device, "issued_at": self.issued_at, "hub_key": self.hub_key,
                "signature": self.signature}

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> Receipt:
        return cls(str(data["replica_id"]), int(data["device_seq"]), str(data["hash"]), str(data["device"]),
                   str(data["issued_at"]), str(data["hub_key"]), str(data["signature"]))
