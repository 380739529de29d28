"""What visitors read about people: signatories, detainees and their stories, and 'my members
of Congress', with the lists' filters and the people's feeds."""
