"""Open311 GeoReport v2 against a running server, as an ordinary client uses it.

Usage: python test_georeport.py BASE_URL API_KEY [JURISDICTION [LAT LONG]]

The PyPI `georeport` client (0.3.1) reads services and requests but has no call for filing one,
so the POST is made with `requests` exactly as GeoReport v2 describes (form-encoded fields to
requests.json); everything read back goes through the `georeport` client, in JSON and XML.
The event must lie inside a grid of the zone: LAT LONG when given, else the location of a request
the demo already put in the zone (GeoReport has no call that lists grids).
"""
import sys

import requests
from georeport import GeoReport


def main() -> int:
    base, api_key = sys.argv[1].rstrip("/"), sys.argv[2]
    jurisdiction = sys.argv[3] if len(sys.argv) > 3 else "jinan"
    root = f"{base}/open311/v2"
    client = GeoReport(root, jurisdiction=jurisdiction, api_key=api_key)
    xml_client = GeoReport(root, jurisdiction=jurisdiction, api_key=api_key, output_format="xml")

    services = client.get_service_list()
    codes = [s["service_code"] for s in services]
    assert codes == ["policy", "info", "hazard", "dispute", "activity"], codes
    assert [s["service_code"] for s in xml_client.get_service_list()] == codes
    assert client.get_service_definition("hazard")["service_code"] == "hazard"

    if len(sys.argv) > 5:
        candidates = [(float(sys.argv[4]), float(sys.argv[5]))]
    else:
        # Published locations are coarsened to 3 decimals (#11): one near a grid's edge may fall
        # outside every grid, so try a few.
        existing = client.get_service_requests()
        assert existing, "the demo zone should have public events to take a location from"
        candidates = [(r["lat"], r["long"]) for r in existing[:10]]

    for lat, lon in candidates:
        filed = requests.post(f"{root}/requests.json", data={
            "jurisdiction_id": jurisdiction, "api_key": api_key, "service_code": "hazard",
            "lat": lat, "long": lon, "address_string": "经十路 7000 号",
            "description": "人行道井盖松动，踩上去会翻转。", "first_name": "明", "last_name": "李",
            "email": "li.ming@example.com", "phone": "13900000000",
        }, timeout=30)
        if filed.status_code != 400:
            break
    assert filed.status_code in (200, 201), (filed.status_code, filed.text)
    request_id = filed.json()[0]["service_request_id"]

    one = client.get_service_request(request_id)
    assert one["service_request_id"] == request_id and one["status"] == "open", one
    assert one["service_code"] == "hazard" and "email" not in one, one
    xml_one = xml_client.get_service_request(request_id)
    assert xml_one["status"] == "open" and xml_one["service_code"] == "hazard", xml_one
    listed = client.get_service_requests(service_request_id=request_id)
    assert [r["service_request_id"] for r in listed] == [request_id], listed

    # The spec's errors: unknown service code (404), bad key (403), as a list of {code, description}.
    unknown = requests.post(f"{root}/requests.json", data={
        "jurisdiction_id": jurisdiction, "api_key": api_key, "service_code": "potholes",
        "lat": lat, "long": lon, "description": "不存在的服务"}, timeout=30)
    assert unknown.status_code == 404 and unknown.json()[0]["code"] == 404, unknown.text
    bad_key = requests.post(f"{root}/requests.json", data={
        "jurisdiction_id": jurisdiction, "api_key": "wrong", "service_code": "hazard",
        "lat": lat, "long": lon, "description": "密钥错误"}, timeout=30)
    assert bad_key.status_code == 403, bad_key.text

    print(f"Open311: filed {request_id} and read it back (status {one['status']}) in JSON and XML")
    return 0


if __name__ == "__main__":
    sys.exit(main())
